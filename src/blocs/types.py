"""Plain records shared by the pipeline components."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Actor:
    """Who: ISO3 country (or None), sector code (or None), stable id, display name."""

    country: str | None
    sector: str | None
    id: str
    name: str
    kind: str = "state"  # state | person | org | group — how it was recognised

    def as_dict(self) -> dict:
        return {"country": self.country, "sector": self.sector, "id": self.id, "name": self.name}


@dataclass(frozen=True)
class TimeInterval:
    """When: first and last day covered, and how precise the expression is."""

    start: dt.date | None
    end: dt.date | None
    precision: str | None  # day | week | month | season | year | decade | None (unresolved)
    future: bool = False  # "in the near future", "next week" relative to the anchor
    relative: bool = False  # resolved against an anchor rather than written out in full


@dataclass(frozen=True)
class Place:
    """Where: a gazetteer entry."""

    name: str
    country: str | None  # ISO3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    kind: str = "city"  # city | country | region


@dataclass
class Document:
    """One input document (DESIGN.md input contract)."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date or datetime, as given
    url: str | None = None
    source: str | None = None
    meta: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)
