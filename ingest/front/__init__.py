"""The front matter of a review: which lines make up its cover, and what they state.

Real reviews reach us as PDFs and as copies on document-hosting sites and partnership
web pages. Their covers share a few layouts: a title block broken over short lines
(often in capitals, the child's pseudonym on a line of its own, "In respect of" or
"Overview report" around it), a board name standing alone, an author line with the
name before or after its label, a month and year. Around them stand running headers,
page numbers, addresses, confidentiality marks and, on hosting sites, the site's own
lines (views, downloads, upload dates).

`lines` finds the cover lines; `title`, `kinds`, `publisher`, `author` and `published`
read the title, the kind of review, the publisher, the author and the publication date
from them (`dates` reads the dates they write).
"""

from ingest.front.author import author
from ingest.front.dates import MONTH_WORD, MONTHS, WEEKDAY_NAMES, date_in
from ingest.front.kinds import REVIEW_TYPES, review_type, several_reviews
from ingest.front.lines import FrontLine, front_lines, hosting_site_heading
from ingest.front.published import publication_date
from ingest.front.publisher import PANEL, is_board, publisher
from ingest.front.title import is_section_heading, reads_as_sentence, title

__all__ = [
    "MONTHS",
    "MONTH_WORD",
    "PANEL",
    "REVIEW_TYPES",
    "WEEKDAY_NAMES",
    "FrontLine",
    "author",
    "date_in",
    "front_lines",
    "hosting_site_heading",
    "is_board",
    "is_section_heading",
    "publication_date",
    "publisher",
    "reads_as_sentence",
    "review_type",
    "several_reviews",
    "title",
]
