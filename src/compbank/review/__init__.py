"""The import review: what ``compbank import`` read, shown as the pieces of the pages it read.

``compbank import DOCUMENT... --review DIR`` writes, beside its report, a static review a
person opens from disk:

``index.html``
    one row per document: its class, whether it was read in full, in part or not at all,
    how many competencies and known levels, how many findings; each linking to
``NNN-<document>.html``
    a page per document: its header and list as read; each competency's required level
    (or "unknown", and why) with the crop of the rendered PDF page around the text of the
    level read as required, and its page; each finding with the crop of its place. For a
    document read from text, the source's lines stand in for the images;
``images/``
    the crops (PNG), rendered with PDFium (pypdfium2) and cut with Pillow;
``review.json``
    the same as data (`review_data`).

The places come from `compbank.importer.evidence`; this module only shows them. The same
documents give the same bytes: nothing holds the time, pages are written in the order the
documents were given, and every text from a document is escaped (Jinja2, autoescape).
"""

from __future__ import annotations

import io
import json
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from compbank import _atomic, _templates
from compbank._checks import slugify
from compbank._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    import jinja2

    from compbank.importer import ImportResult
    from compbank.importer.blocks import Box
    from compbank.importer.evidence import Place, RequirementEvidence
    from compbank.problems import Problem

__all__ = ["GENERATOR", "INSTALL", "Reviewed", "review_data", "write_review"]

#: The ``generator`` of every page; it tells a review from any other folder.
GENERATOR = "compbank import --review"
#: The install command for what a review needs: Jinja2 for its pages, Pillow for its images.
INSTALL = "pip install 'compbank[pdf,site]'"
#: Pixels per PDF point of the rendered pages (144 dpi): small print stays legible.
SCALE = 2.0
#: Points of the page shown around a place: above, below and to the right of it...
MARGIN = 12.0
#: ... and to its left, where a level's ``Level N:`` label stands.
MARGIN_LEFT = 72.0
#: How many rendered pages of a document are kept at once.
_RENDERED_KEPT = 4


@attrs.frozen
class Reviewed:
    """One document to review: its name, its content, and what importing it gave.

    Attributes:
        name: The document's name, as the report gives it.
        content: Its bytes (a PDF's pages are rendered from them), where it could be read.
        result: The import's result, whole or partial; None where nothing was read.
        problems: Each part of the document that was not read.
    """

    name: str
    content: bytes | None
    result: ImportResult | None
    problems: tuple[Problem, ...] = ()

    @property
    def status(self) -> str:
        """``"read in full"``, ``"read in part"`` or ``"not read"``."""
        if self.result is None:
            return "not read"
        return "read in part" if self.result.problems or self.problems else "read in full"


def environment() -> jinja2.Environment:
    """The Jinja2 environment of the review's templates (see `compbank._templates`).

    Raises:
        ModuleNotFoundError: Jinja2 is not installed; the message gives `INSTALL`.
    """
    return _templates.environment("compbank.review", "a review", INSTALL)


class _Pages:
    """A PDF's pages rendered once each, and crops cut from them."""

    def __init__(self, content: bytes) -> None:
        import pypdfium2  # noqa: PLC0415 (an extra: only for PDFs)

        self.document = pypdfium2.PdfDocument(content)
        # the last few pages rendered: places come mostly in page order, and a page of a
        # long document is never held longer than it is needed
        self.rendered: dict[int, Any] = {}

    def close(self) -> None:
        self.document.close()

    def crop(self, page: int, bbox: Box) -> tuple[Any, Box] | None:
        """The image around *bbox* on *page* (from 1), and the part of the page it shows."""
        if not 1 <= page <= len(self.document):
            return None
        pdf_page = self.document[page - 1]
        try:
            if pdf_page.get_rotation():  # boxes of a turned page would need turning too
                return None
            left, bottom, right, top = pdf_page.get_cropbox()
            image = self.rendered.get(page)
            if image is None:
                bitmap = pdf_page.render(scale=SCALE, grayscale=True)
                image = self.rendered[page] = bitmap.to_pil()
                while len(self.rendered) > _RENDERED_KEPT:
                    del self.rendered[next(iter(self.rendered))]
        finally:
            pdf_page.close()
        x0, y0, x1, y1 = bbox
        shown = (
            max(left, x0 - MARGIN_LEFT),
            max(bottom, y0 - MARGIN),
            min(right, x1 + MARGIN),
            min(top, y1 + MARGIN),
        )
        pixels = (
            round((shown[0] - left) * SCALE),
            round((top - shown[3]) * SCALE),
            round((shown[2] - left) * SCALE),
            round((top - shown[1]) * SCALE),
        )
        if pixels[2] <= pixels[0] or pixels[3] <= pixels[1]:
            return None
        # the part shown, as the pixels cut give it exactly
        exact = (
            left + pixels[0] / SCALE,
            top - pixels[3] / SCALE,
            left + pixels[2] / SCALE,
            top - pixels[1] / SCALE,
        )
        return image.crop(pixels), exact


def _png(image: Any) -> bytes:  # noqa: ANN401 (a Pillow image)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


class _Document:
    """One document's page and data, its crops written through *save*."""

    def __init__(self, index: int, item: Reviewed, save: Callable[[str, bytes], None]) -> None:
        self.item = item
        stem = item.name.replace("\\", "/").rpartition("/")[2].rpartition(".")[0] or item.name
        self.key = f"{index:03d}-{slugify(stem) or 'document'}"
        self.save = save
        self.pages: _Pages | None = None
        result = item.result
        self.lines = result.evidence.lines if result and result.evidence else ()
        if (
            result is not None
            and result.form == "pdf"
            and result.evidence is not None
            and item.content is not None
        ):
            self.pages = _Pages(item.content)

    def place(self, place: Place, name: str, alt: str) -> dict[str, Any]:
        """A place as the page and the data show it: page, box, image or lines."""
        out: dict[str, Any] = {
            "page": place.page,
            "bbox": list(place.bbox) if place.bbox else None,
            "image": None,
            "crop": None,
            "alt": alt,
            "width": 0,
            "height": 0,
            "lines": [],
            "lines_caption": "",
        }
        if self.pages is not None and place.page is not None and place.bbox is not None:
            cut = self.pages.crop(place.page, place.bbox)
            if cut is not None:
                image, shown = cut
                path = f"images/{self.key}-{name}.png"
                self.save(path, _png(image))
                out.update(
                    image=path,
                    crop=[round(v, 2) for v in shown],
                    width=image.width,
                    height=image.height,
                )
        elif self.pages is None and place.lines:
            lines = self.lines
            shown_lines = [lines[n - 1] for n in place.lines if 1 <= n <= len(lines)]
            out["lines"] = [(line.where(), line.text) for line in shown_lines]
            out["lines_caption"] = "The document's lines, as found: " + alt.split(": ", 1)[-1]
        return out

    def requirement(self, r: RequirementEvidence, name: str) -> dict[str, Any]:
        """A requirement as the page and the data show it: its level, and where it was read."""
        from compbank.importer.evidence import WHY_UNKNOWN  # noqa: PLC0415

        on = f"Page {r.place.page}: " if r.place.page else ""
        if r.required_level is not None:
            alt = (
                f"{on}the text of level {r.required_level} of competency {r.number}, "
                f"{name}, read as the required level, with its emphasis"
            )
        else:
            alt = f"{on}the heading of competency {r.number}, {name}"
        shown = self.place(r.place, f"c{r.number}", alt)
        shown["levels"] = None
        if r.required_level is None and r.all_levels.lines:
            on = f"Page {r.all_levels.page}: " if r.all_levels.page else ""
            shown["levels"] = self.place(
                r.all_levels,
                f"c{r.number}-levels",
                f"{on}the three levels of competency {r.number}, {name}, as printed",
            )
        why = WHY_UNKNOWN.get(r.why or "", r.why or "")
        if r.levels and r.why not in (None, "lost", "not-described"):
            why += f" (level {', '.join(map(str, r.levels))})"
        return (
            {"number": r.number, "name": name, "required_level": r.required_level}
            | shown
            | {"why": why if r.required_level is None else None}
        )

    def build(self) -> dict[str, Any]:
        item = self.item
        result = item.result
        problems = [*(result.problems if result else ()), *item.problems]
        seen: set[tuple[str, str, str]] = set()
        unique = []
        for p in problems:
            if (p.code, p.path, p.message) not in seen:
                seen.add((p.code, p.path, p.message))
                unique.append({"code": p.code, "where": p.path, "message": p.message})
        page: dict[str, Any] = {
            "document": item.name,
            "href": f"{self.key}.html",
            "status": item.status,
            "status_class": {"read in full": "full", "read in part": "part"}.get(
                item.status, "none"
            ),
            "problems": unique,
            "read": result is not None,
            "code": result.code if result else "",
            "title": result.title if result else "",
            "year": result.year if result else None,
            "form": result.form if result else None,
            "announced": result.announced if result else None,
            "listed": [attrs.asdict(e) for e in result.listed] if result else [],
            "requirements": [],
            "findings": [],
            "competencies": (len(result.listed) or len(result.comparisons)) if result else 0,
            "known": result.levels_known if result else 0,
            "form_note": "",
        }
        if result is not None and result.form != "pdf":
            page["form_note"] = (
                f"Read from text ({result.form} form): where each level was read is shown by "
                "the document's lines, not by images."
            )
        evidence = result.evidence if result else None
        if result is None or evidence is None:
            return page
        names = {c.number: c.name for c in result.comparisons}
        names.update({e.number: e.bank_name or e.name for e in result.listed if e.number})
        try:
            page["requirements"] = [
                self.requirement(r, names.get(r.number, "")) for r in evidence.requirements
            ]
            for k, f in enumerate(evidence.findings, 1):
                on = f"Page {f.place.page}: " if f.place.page else ""
                alt = f"{on}the text where the finding {f.kind} was found"
                shown = self.place(f.place, f"f{k}", alt)
                page["findings"].append({"kind": f.kind, "message": f.message} | shown)
        finally:
            if self.pages is not None:
                self.pages.close()
        return page


def _json_document(page: dict[str, Any]) -> dict[str, Any]:
    def requirement(r: dict[str, Any]) -> dict[str, Any]:
        keys = ("number", "required_level", "why", "page", "bbox", "image", "crop")
        return {k: r[k] for k in keys}

    def finding(f: dict[str, Any]) -> dict[str, Any]:
        return {k: f[k] for k in ("kind", "message", "page", "bbox", "image", "crop")}

    return {
        "document": page["document"],
        "code": page["code"] or None,
        "status": page["status"],
        "form": page["form"],
        "html": page["href"],
        "requirements": [requirement(r) for r in page["requirements"]],
        "findings": [finding(f) for f in page["findings"]],
    }


def review_data(pages: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """``review.json``'s content from the documents' pages.

    ``{"documents": [{"document", "code", "status", "form", "html", "requirements":
    [{"number", "required_level", "why", "page", "bbox", "image", "crop"}], "findings":
    [{"kind", "message", "page", "bbox", "image", "crop"}]}]}``: ``page`` from 1, ``bbox``
    the box ``[x0, y0, x1, y1]`` in PDF points in the page's user space (origin at the
    bottom left) that encloses the level's (or the finding's) text, ``image`` its crop's
    path relative to the review's folder and ``crop`` the part of the page the image
    shows, in the same points (None where there is no image).
    """
    return {"documents": [_json_document(p) for p in pages]}


def _not_a_review(path: Path) -> str | None:
    """Why the existing folder *path* may not be replaced by a review (None: it may)."""
    if not path.is_dir() or path.is_symlink():
        return "is not a directory"
    if not any(path.iterdir()):
        return None
    index = path / "index.html"
    if index.is_file() and f'content="{GENERATOR}"'.encode() in index.read_bytes()[:4096]:
        return None
    return "is not an import review (no index.html written by compbank import --review)"


def check_destination(path: Path) -> None:
    """Refuse, before any work, a folder a review may not replace.

    A review replaces an earlier review, or an empty folder; never anything else.

    Raises:
        FileExistsError: *path* exists and is something else.
        FileNotFoundError: the folder *path* would go in does not exist.
    """
    _atomic.check_destination(path, force=True, directory=True, own=_not_a_review)


def write_review(documents: Sequence[Reviewed], path: Path) -> dict[str, Any]:
    """Write the review of *documents* to the folder *path*, atomically; return its data.

    The review is built beside *path* and moved into place: an earlier review there is
    replaced whole, or left as it was if this one is interrupted.

    Raises:
        FileExistsError: *path* exists and is neither a review nor empty.
        FileNotFoundError: the folder *path* would go in does not exist.
        ModuleNotFoundError: Jinja2 (or, for a PDF, Pillow) is not installed.
    """
    env = environment()
    check_destination(path)
    if any(d.result is not None and d.result.form == "pdf" for d in documents):
        try:
            import PIL  # noqa: F401, PLC0415 (crops are cut with Pillow)
        except ModuleNotFoundError as e:
            raise ModuleNotFoundError(
                f"a review of a PDF needs Pillow, which is not installed: {INSTALL}",
                name=e.name,
            ) from None
    data: dict[str, Any] = {}

    def fill(folder: Path) -> None:
        (folder / "images").mkdir()

        def save(name: str, content: bytes) -> None:
            (folder / name).write_bytes(content)

        pages = [_Document(k, d, save).build() for k, d in enumerate(documents, 1)]
        common = {"generator": GENERATOR, "code_version": __version__}
        full = sum(p["status"] == "read in full" for p in pages)
        index = env.get_template("index.html").render(**common, documents=pages, full=full)
        (folder / "index.html").write_text(index, encoding="utf-8")
        for p in pages:
            html = env.get_template("document.html").render(**common, d=p)
            (folder / p["href"]).write_text(html, encoding="utf-8")
        css = resources.files("compbank.review") / "templates" / "review.css"
        (folder / "review.css").write_bytes(css.read_bytes())
        data.update(review_data(pages))
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        (folder / "review.json").write_text(text, encoding="utf-8")

    _atomic.write_directory(path, fill)
    return data
