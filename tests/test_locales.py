"""The two UI languages say the same things."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def flat(node, prefix=""):
    out = {}
    for key, value in node.items():
        out.update(flat(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}": value})
    return out


def load(lang):
    return flat(tomllib.loads((ROOT / "locales" / f"{lang}.toml").read_text("utf-8")))


def test_locale_files_have_the_same_keys():
    it, en = load("it"), load("en")
    assert set(it) == set(en), set(it) ^ set(en)


def test_placeholders_match_in_both_languages():
    it, en = load("it"), load("en")
    for key in it:
        assert set(re.findall(r"{(\w+)}", it[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_every_key_the_code_uses_exists():
    keys = set(load("it"))
    sources = [*ROOT.glob("views/*.py"), *ROOT.glob("components/*.py"), ROOT / "app.py"]
    used = {m for f in sources for m in re.findall(r"""\bt\(\s*["']([\w.]+)["']""", f.read_text("utf-8"))}
    assert used and used <= keys, used - keys


def test_every_finding_code_has_a_message():
    keys = set(load("it"))
    rules = (ROOT / "dossier" / "eligibility.py").read_text("utf-8")
    codes = set(re.findall(r'Finding\("\w+", [^,]+, "(\w+)"', rules))
    codes |= set(re.findall(r'need\(a\.\w+, "(\w+)"\)', rules))
    assert len(codes) > 20
    assert {f"missing.{c}" for c in codes} <= keys
