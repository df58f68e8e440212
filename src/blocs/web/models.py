"""Shapes of the JSON API (they make the OpenAPI schema at /openapi.json)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

Level = Literal["country", "sector", "id"]
Window = Literal["all", "year", "quarter", "month"]
Status = Literal["asserted", "negated", "hypothetical", "future", "alleged"]
EventType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                    "MOBILIZE", "COERCE", "ASSAULT"]
Sort = Literal["date", "event", "status", "doc_id", "plover_score", "goldstein", "confidence"]
Order = Literal["asc", "desc"]
_ONE = "(asserted|negated|hypothetical|future|alleged)"
STATUS_PATTERN = rf"^(all|{_ONE}(,{_ONE})*)$"

Record = dict[str, Any]  # an event record, DESIGN.md shape


class Error(BaseModel):
    detail: Any


class Summary(BaseModel):
    db: str
    documents: int
    events: int
    first_date: str | None
    last_date: str | None
    types: list[str]


class Node(BaseModel):
    id: str
    name: str
    bloc: str | None
    colour: int
    cooperation: float
    conflict: float
    dyads: int
    x: float
    y: float


class Edge(BaseModel):
    a: str
    b: str
    cooperation: float
    conflict: float
    net: float
    dyads: int


class WindowChoice(BaseModel):
    label: str
    since: str | None
    until: str | None


class Network(BaseModel):
    since: str | None
    until: str | None
    level: str
    status: str
    summary: dict[str, Any]
    actors_total: int
    ties_total: int
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    blocs: list[dict[str, Any]]
    blocs_total: int
    unaligned: list[str]
    unaligned_total: int
    names: dict[str, str]
    windows: list[WindowChoice]


class ActorItem(BaseModel):
    id: str
    name: str
    dyads: int


class SeriesRow(BaseModel):
    window: str
    start: str | None
    end: str | None
    cooperation: float
    conflict: float
    net: float
    dyads: int


class Actor(BaseModel):
    actor: str
    name: str
    events: int
    partners: list[dict[str, Any]]
    adversaries: list[dict[str, Any]]
    window: str
    series: list[SeriesRow]


class Dyad(BaseModel):
    a: str
    b: str
    names: dict[str, str]
    level: str
    status: str
    window: str
    since: str | None
    until: str | None
    total: dict[str, Any]
    rows: list[dict[str, Any]]


class EventPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    sort: str
    order: str
    rows: list[Record]


class DocumentPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    rows: list[dict[str, Any]]


class Highlight(BaseModel):
    id: str
    kind: str
    start: int
    end: int
    text: str
    label: str
    events: list[str | None]
    ok: bool


class Segment(BaseModel):
    text: str
    h: list[str]
    kinds: list[str]
    title: str


class Document(BaseModel):
    document: dict[str, Any]
    events: list[Record]
    highlights: list[Highlight]
    segments: list[Segment]
    event_marks: dict[str, list[str]]
