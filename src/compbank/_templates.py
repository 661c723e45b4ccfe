"""The Jinja2 environment the site's and the review's templates render in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


def environment(package: str, needs: str, install: str) -> jinja2.Environment:
    """The environment of *package*'s ``templates``: autoescaped, strict about unknown names.

    Raises:
        ModuleNotFoundError: Jinja2 is not installed; the message says what *needs* it and
            how to *install* it.
    """
    try:
        import jinja2  # noqa: PLC0415 (an extra: imported only to render pages)
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError(
            f"{needs} needs Jinja2, which is not installed: {install}", name=e.name
        ) from None
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,  # every text from the data or a document is escaped
        undefined=jinja2.StrictUndefined,  # a misspelt name is an error, not an empty text
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are the package's: no need to look at them per page
    )
