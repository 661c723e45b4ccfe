r"""The one canonical layout of data files, so that diffs of data stay small and meaningful.

A canonical file is UTF-8 JSON with keys in the order the file's schema lists its properties
(keys a schema does not know follow, sorted), two-space indentation, characters written as
themselves rather than ``\\u`` escapes, and one final newline. The exceptions are the
characters no text may hold that nobody would see (a zero-width space, a byte-order mark, a
no-break space, a control character: see `compbank._text`): they are written as ``\\u``
escapes, so that a reviewer sees them in the file and in its diff. Texts are never changed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePath
from typing import Any

from compbank import _atomic, _text
from compbank._schema import Kind, schema


def kind_of(path: str | PurePath) -> Kind | None:
    """Which kind of data file *path* is, from where it stands; None if it is no data file."""
    p = PurePath(path)
    if p.suffix != ".json":
        return None
    if p.parent.name == "competency_bank":
        return "competency"
    if p.parent.name == "classes":
        return "job-class"
    if p.name == "release.json":
        return "release"
    return None


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _resolve(root["$defs"][ref.removeprefix("#/$defs/")], root)
    return node


def _ordered(value: Any, node: dict[str, Any], root: dict[str, Any]) -> Any:  # noqa: ANN401
    node = _resolve(node, root)
    if isinstance(value, dict):
        props: dict[str, Any] = node.get("properties", {})
        known = [k for k in props if k in value]
        extra = sorted(k for k in value if k not in props)
        return {k: _ordered(value[k], props.get(k, {}), root) for k in known + extra}
    if isinstance(value, list):
        items = node.get("items", {})
        return [_ordered(v, items if isinstance(items, dict) else {}, root) for v in value]
    return value


# json.dumps escapes U+0000..U+001F itself; the space is a space
_INVISIBLE = re.compile(
    "[" + "".join(f"\\U{max(a, 0x21):08X}-\\U{b:08X}" for a, b in _text.REFUSED if b > 0x20) + "]"
)


def _escaped(match: re.Match[str]) -> str:
    r"""A character as JSON escapes it: ``\uXXXX``, or a surrogate pair beyond U+FFFF."""
    return json.dumps(match.group(), ensure_ascii=True)[1:-1]


def dumps(document: Any, kind: Kind) -> str:  # noqa: ANN401
    """*document* as canonical text for a file of *kind*."""
    root = schema(kind)
    text = json.dumps(_ordered(document, root, root), indent=2, ensure_ascii=False)
    if not text.isascii() or "\x7f" in text:  # else there is none to escape (a quick check)
        # invisible characters can only stand inside strings, where an escape means the same
        text = _INVISIBLE.sub(_escaped, text)
    return text + "\n"


def write_atomic(path: Path, data: str | bytes) -> None:
    r"""Write *data* to *path* so that readers see the old file or the new one, never half.

    Text is written as UTF-8 with ``\n`` line ends. The file gets the usual permissions.
    """
    _atomic.write_file(path, data.encode("utf-8") if isinstance(data, str) else data)
