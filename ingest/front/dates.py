"""Dates as reviews write them ('3rd June 2015', 'March 2019', '14/06/2012'), read as ISO."""

from __future__ import annotations

import re

MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH_WORD = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)


DATE_DAY = re.compile(
    rf"(?<!\d\s)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_WORD})\.?,?\s+((?:19|20)\d\d)(?!\d)",
    re.I,
)
DATE_MDY = re.compile(
    rf"\b({MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+((?:19|20)\d\d)\b", re.I
)
DATE_MONTH = re.compile(rf"\b({MONTH_WORD})\.?,?\s+((?:19|20)\d\d)(?!\d)", re.I)
DATE_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")
DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?\b")
DATE_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def date_in(text: str) -> str | None:
    """The first full or month date in `text`, as ISO (YYYY-MM-DD or YYYY-MM)."""
    for found in DATE_DAY.finditer(text):
        month = MONTHS.get(found.group(2).lower().rstrip("."))
        day = int(found.group(1))
        if month and 1 <= day <= 31:
            return f"{found.group(3)}-{month:02d}-{day:02d}"
    for found in DATE_MDY.finditer(text):  # 'Wednesday, December 14, 2016'
        month = MONTHS.get(found.group(1).lower().rstrip("."))
        day = int(found.group(2))
        if month and 1 <= day <= 31:
            return f"{found.group(3)}-{month:02d}-{day:02d}"
    for found in DATE_NUMERIC.finditer(text):
        day, month = int(found.group(1)), int(found.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{found.group(3)}-{month:02d}-{day:02d}"
    for found in DATE_MONTH.finditer(text):
        month = MONTHS.get(found.group(1).lower().rstrip("."))
        if month:
            return f"{found.group(2)}-{month:02d}"
    iso = DATE_ISO.search(text)
    if iso and 1 <= int(iso.group(2)) <= 12:
        return iso.group(0) if iso.group(3) else f"{iso.group(1)}-{iso.group(2)}"
    return None


def date_text(text: str) -> str:
    """The words of the last month date in `text` ('April 2016'), or ''."""
    found = list(DATE_MONTH.finditer(text))
    return found[-1].group(0) if found else "\x00"
