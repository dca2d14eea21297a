"""User text inside Streamlit Markdown (body, labels, help tooltips, captions): always literal.

Streamlit renders Markdown with extensions on top of CommonMark: GFM autolinks (a bare
URL, `www.` or an e-mail address becomes a link), `:emoji:` shortcodes, `:material/icon:`
icons and `:color[...]` directives. Those extensions read the text after backslash
escapes are resolved, so they are broken with an invisible WORD JOINER instead (after a
colon, after an `@`, inside `www.`). CommonMark's own syntax is stopped with backslashes,
but only where a character can start something: a widget's label also becomes its
accessible name as written, and a screen reader would read every backslash ("Agliè (TO)"
and "d'Alba" must stay as they are).
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"  # zero width, no line break, ignored by screen readers

# Anywhere in a line: emphasis, code, links/images (a `[` escaped makes `(`, `)` and `!`
# harmless), strikethrough, math, entities, HTML and autolinks in <>, tables, escapes.
_INLINE = re.compile(r"([\\`*_\[\]~$&<>|])")
# At the start of a line: quotes; headings, list items, setext underlines and thematic
# breaks, which need a space, the line's end or a run of the same character after them.
_LINE_START = re.compile(r"^(>|([#+=-])(?=\s|$|\2))", re.MULTILINE)
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])(?=\s|$)", re.MULTILINE)
_LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)  # four of them make a code block
_WWW = re.compile(r"(w{3})(?=\.)", re.IGNORECASE)


# Where any of the passes below acts (a superset): most answers ("Agliè (TO)", "2.600") have
# none, and one search costs a fraction of the six passes (the Review: ~80 texts a run).
_ACTED_ON = re.compile(r"[\\`*_\[\]~$&<>|:@]|^[ \t>#+=-]|^\d+[.)](?=\s|$)|www\.", re.IGNORECASE | re.MULTILINE)


def escape_md(text: str) -> str:
    """`text` as it was typed, whatever Markdown it contains."""
    return _escape(text) if _ACTED_ON.search(text) else text


def _escape(text: str) -> str:
    text = _INLINE.sub(r"\\\1", _LEADING_SPACE.sub("", text))
    text = _ORDERED_ITEM.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", text))
    text = _WWW.sub(r"\1" + WORD_JOINER, text)
    return text.replace(":", ":" + WORD_JOINER).replace("@", "@" + WORD_JOINER)
