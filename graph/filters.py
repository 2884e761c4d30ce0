"""Search filters, and how the embedded store applies them: as NumPy masks over columns
held in memory: a few milliseconds at 300,000 passages, where a SQL scan took 56 ms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class SearchFilters:
    """Filters on passages and their reviews; empty means no restriction."""

    themes: tuple[str, ...] = ()  # a passage must carry at least one of them
    agencies: tuple[str, ...] = ()  # a passage must name at least one of them
    review_types: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    partnership: str | None = None  # part of the name, any case
    age_bands: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    review_ids: tuple[str, ...] = ()
    passage_kinds: tuple[str, ...] = ()  # ingest.kinds.PASSAGE_KINDS
    document_kinds: tuple[str, ...] = ()  # ingest.kinds.DOCUMENT_KINDS


@dataclass
class FilterColumns:
    """The filterable fields of every passage, one array each, in rowid order."""

    rowids: np.ndarray
    review_type: np.ndarray
    year: np.ndarray  # -1 where the review states no year
    partnership: np.ndarray  # lower-cased
    age_band: np.ndarray
    outcome: np.ndarray
    review_id: np.ndarray
    theme_bits: np.ndarray
    agency_bits: np.ndarray
    kind: np.ndarray | None = None  # passage kinds; None for an index from before kinds
    document_kind: np.ndarray | None = None

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[Any, ...]]) -> FilterColumns:
        """Rows of (rowid, review_type, year, partnership, age_band, outcome, review_id,
        theme_bits, agency_bits[, kind, document_kind]), ordered by rowid."""
        columns = list(zip(*rows, strict=True)) or [()] * 11

        def text(values: tuple[Any, ...], lower: bool = False) -> np.ndarray:
            cleaned = [(v or "").lower() if lower else (v or "") for v in values]
            return np.array(cleaned, dtype=object)

        return cls(
            rowids=np.array(columns[0], dtype=np.int64),
            review_type=text(columns[1]),
            year=np.array([-1 if v is None else v for v in columns[2]], dtype=np.int64),
            partnership=text(columns[3], lower=True),
            age_band=text(columns[4]),
            outcome=text(columns[5]),
            review_id=text(columns[6]),
            theme_bits=np.array([v or 0 for v in columns[7]], dtype=np.int64),
            agency_bits=np.array([v or 0 for v in columns[8]], dtype=np.int64),
            kind=text(columns[9]) if len(columns) > 9 else None,
            document_kind=text(columns[10]) if len(columns) > 10 else None,
        )

    def mask(
        self, filters: SearchFilters, theme_bit: dict[str, int], agency_bit: dict[str, int]
    ) -> np.ndarray:
        """True for each passage (in rowid order) that passes every filter."""
        keep = np.ones(len(self.rowids), dtype=bool)
        for column, chosen in (
            (self.review_type, filters.review_types),
            (self.age_band, filters.age_bands),
            (self.outcome, filters.outcomes),
            (self.review_id, filters.review_ids),
            (self.kind, filters.passage_kinds),
            (self.document_kind, filters.document_kinds),
        ):
            if chosen and column is not None:
                keep &= np.isin(column, list(chosen))
        if filters.year_from is not None:
            keep &= (self.year >= int(filters.year_from)) & (self.year >= 0)
        if filters.year_to is not None:
            keep &= (self.year <= int(filters.year_to)) & (self.year >= 0)
        if filters.partnership:
            wanted = filters.partnership.lower()
            names = {name for name in set(self.partnership) if wanted in name}
            keep &= np.isin(self.partnership, list(names))
        for column, chosen, bits in (
            (self.theme_bits, filters.themes, theme_bit),
            (self.agency_bits, filters.agencies, agency_bit),
        ):
            if chosen:
                usable = [bits[item] for item in chosen if bits.get(item, 63) < 63]
                keep &= (column & sum(1 << bit for bit in usable)) != 0
        return keep

    def allowed(
        self,
        rowids: np.ndarray,
        filters: SearchFilters,
        theme_bit: dict[str, int],
        agency_bit: dict[str, int],
    ) -> np.ndarray:
        """The filter mask over `rowids` (which may be a subset, e.g. passages with vectors)."""
        keep = self.mask(filters, theme_bit, agency_bit)
        if np.array_equal(rowids, self.rowids):
            return keep
        return np.isin(rowids, self.rowids[keep])
