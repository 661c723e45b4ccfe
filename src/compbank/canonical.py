r"""The one canonical layout of data files, so that diffs of data stay small and meaningful.

A canonical file is UTF-8 JSON with keys in the order the file's schema lists its properties
(keys a schema does not know follow, sorted), two-space indentation, characters written as
themselves rather than ``\\u`` escapes, and one final newline. The exceptions are the
characters no text may hold that nobody would see (a zero-width space, a byte-order mark, a
no-break space, a control character: see `compbank._text`): they are written as ``\\u``
escapes, so that a reviewer sees them in the file and in its diff. Texts are never changed.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path, PurePath
from typing import Any

from compbank import _atomic, _indented, _text
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


class _Layout:
    """How a schema node lays out its objects: their keys' order, their values' layouts.

    Worked out once per node, not once per value.
    """

    __slots__ = ("_children", "_items", "_properties", "_root", "order")

    def __init__(self, node: dict[str, Any], root: dict[str, Any]) -> None:
        node = _resolve(node, root)
        self._root = root
        self._properties: dict[str, Any] = node.get("properties", {})
        #: the keys the schema lists, in its order
        self.order = tuple(self._properties)
        items = node.get("items", {})
        self._items: dict[str, Any] | _Layout = items if isinstance(items, dict) else {}
        self._children: dict[str, _Layout] = {}

    def child(self, key: str) -> _Layout:
        """The layout of the value at *key*."""
        layout = self._children.get(key)
        if layout is None:
            layout = self._children[key] = _Layout(self._properties.get(key, {}), self._root)
        return layout

    def items(self) -> _Layout:
        """The layout of an item of the array."""
        if not isinstance(self._items, _Layout):
            self._items = _Layout(self._items, self._root)
        return self._items


@functools.cache
def _layout(kind: Kind) -> _Layout:
    root = schema(kind)
    return _Layout(root, root)


def _ordered(value: Any, layout: _Layout) -> Any:  # noqa: ANN401
    if isinstance(value, dict):
        known = [k for k in layout.order if k in value]
        keys = known if len(known) == len(value) else known + sorted(set(value) - set(known))
        return {
            k: _ordered(value[k], layout.child(k))
            if isinstance(value[k], (dict, list))
            else value[k]
            for k in keys
        }
    if isinstance(value, list):
        items = layout.items()
        return [_ordered(v, items) if isinstance(v, (dict, list)) else v for v in value]
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
    text = _indented.dumps(_ordered(document, _layout(kind)))
    if not text.isascii() or "\x7f" in text:  # else there is none to escape (a quick check)
        # invisible characters can only stand inside strings, where an escape means the same
        text = _INVISIBLE.sub(_escaped, text)
    return text + "\n"


def write_atomic(path: Path, data: str | bytes) -> None:
    r"""Write *data* to *path* so that readers see the old file or the new one, never half.

    Text is written as UTF-8 with ``\n`` line ends. The file gets the usual permissions.
    """
    _atomic.write_file(path, data.encode("utf-8") if isinstance(data, str) else data)
