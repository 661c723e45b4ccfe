"""The terms compbank is distributed under, in one place for the exports.

The code and compbank's own work are under the MIT License (``LICENSE``); the City's texts
carry no licence that compbank could pass on (``DATA-NOTICE.md`` says what is known). Both
files ship with the package: in ``compbank/_packaged/`` beside the data, and in the wheel's
``.dist-info/licenses/``.
"""

from __future__ import annotations

from compbank._paths import packaged_root

#: The SPDX identifier (also the Open Definition identifier) of the code's licence.
CODE_LICENSE = "MIT"
CODE_LICENSE_TITLE = "MIT License"
#: The licence's text at the Open Source Initiative, for formats that want a URL.
CODE_LICENSE_URL = "https://opensource.org/licenses/MIT"
#: The file stating where the data's texts come from and what their terms are.
DATA_NOTICE = "DATA-NOTICE.md"
#: One sentence for the places that have room for no more.
DATA_TERMS = (
    "The texts are the City of Los Angeles Personnel Department's published Competency "
    "Models, reproduced verbatim; the source documents state no licence, and compbank grants "
    "none for them."
)
#: Who made the texts, as the exports name them.
CREATOR = "City of Los Angeles Personnel Department"


def data_notice() -> str:
    """The text of ``DATA-NOTICE.md``, as shipped with the package."""
    return (packaged_root() / DATA_NOTICE).read_text(encoding="utf-8")
