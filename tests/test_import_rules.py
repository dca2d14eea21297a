"""The layers keep their direction: app.py -> views -> components -> dossier.

- dossier/ and intake/ (the domain) never import Streamlit, nor the UI layers above it: everything
  there runs and is tested without a Streamlit session.
- A view (one step's page) never imports another view: what two steps share goes into
  components/ (docs/ARCHITECTURE.md, "Layers").
- components/ never imports a view.
- No import cycles among the project's modules (an import inside a function counts: it is
  how a cycle hides), so each module can be read, tested and moved on its own.
- Only components/streamlit_patches/ reaches into Streamlit's internals (`streamlit.runtime`,
  `streamlit.web`), bar `get_script_run_ctx`: what a Streamlit upgrade may break is there.

Imports are read from the source with `ast`, so an import inside a function, a relative
import and `importlib.import_module("streamlit")` with a literal name all count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path) -> str:
    """dossier/english/tokens.py -> dossier.english.tokens; dossier/__init__.py -> dossier."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in `source`, relative ones resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if package else []
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from views import start" imports views.start: name both.
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def is_under(name: str, top: str) -> bool:
    return name == top or name.startswith(top + ".")


def files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def violations(folder: str, forbidden) -> list[str]:
    """Every import in `folder` for which forbidden(importing module, imported name) is true."""
    out = []
    for path in files(folder):
        module = module_name(path)
        for line, name in imports_of(path.read_text(encoding="utf-8"), module, path.name == "__init__.py"):
            if forbidden(module, name):
                out.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return sorted(set(out))


def test_the_layers_have_files():
    assert files("dossier") and files("components") and files("views")


@pytest.mark.parametrize("domain", ["dossier", "intake"])
def test_the_domain_never_imports_streamlit_or_the_ui(domain):
    ui = ("streamlit", "app", "views", "components")
    assert files(domain)
    found = violations(domain, lambda _, name: any(is_under(name, top) for top in ui))
    assert not found, f"{domain}/ must not import Streamlit or the UI:\n" + "\n".join(found)


def test_a_view_never_imports_another_view():
    found = violations("views", lambda module, name: is_under(name, "views") and name != module)
    assert not found, "shared code goes into components/, not into another view:\n" + "\n".join(found)


def test_components_never_import_a_view():
    found = violations("components", lambda _, name: is_under(name, "views") or is_under(name, "app"))
    assert not found, "components/ must not import a view or app.py:\n" + "\n".join(found)


PROJECT = ("app", "views", "components", "dossier", "intake", "bench", "scripts")


def project_files() -> list[Path]:
    return [ROOT / "app.py"] + [p for top in PROJECT[1:] for p in files(top)]


def import_graph() -> dict[str, set[str]]:
    """Each project module -> the project modules it imports (a name imported from a module
    that is not itself a module, e.g. a function, counts as that module)."""
    paths = {module_name(p): p for p in project_files()}
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        names = {name for _, name in imports_of(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")}
        graph[module] = {name for name in names if name in paths and name != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_others():
    graph = import_graph()
    assert len(graph) > 100 and graph["dossier.checks"]  # the reader found the project
    assert not cycles(graph), "import cycles (break each, e.g. by a module both can import):\n" + "\n".join(
        " <-> ".join(c) for c in cycles(graph)
    )


def test_the_cycle_finder_sees_a_cycle_through_three_modules():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


STREAMLIT_INTERNALS = ("streamlit.runtime", "streamlit.web")
PUBLIC_CONTEXT = "streamlit.runtime.scriptrunner.get_script_run_ctx"


def test_only_the_patches_package_reaches_into_streamlit_internals():
    def internal(module: str, name: str) -> bool:
        return (
            any(is_under(name, top) for top in STREAMLIT_INTERNALS)
            and not is_under(module, "components.streamlit_patches")
            and name not in (PUBLIC_CONTEXT, PUBLIC_CONTEXT.rpartition(".")[0])
        )

    found = violations("components", internal) + violations("views", internal)
    assert not found, "Streamlit's internals belong in components/streamlit_patches/:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("import streamlit as st", "dossier.x", "streamlit"),
        ("import streamlit.components.v2", "dossier.x", "streamlit.components.v2"),
        ("from streamlit import session_state", "dossier.x", "streamlit"),
        ("def f():\n    import streamlit\n", "dossier.x", "streamlit"),
        ("import importlib\nimportlib.import_module('streamlit')", "dossier.x", "streamlit"),
        ("from views import start", "views.review", "views.start"),
        ("from views.start import intro", "views.review", "views.start"),
        ("from ..components import state", "dossier.english.tokens", "dossier.components"),
        ("from . import tokens", "dossier.english.decide", "dossier.english.tokens"),
        ("from .calls import Call", "dossier.documents", "dossier.calls"),
    ],
)
def test_the_reader_sees_every_kind_of_import(source, module, expected):
    assert expected in [name for _, name in imports_of(source, module)]
