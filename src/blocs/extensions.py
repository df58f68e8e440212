"""All custom spaCy attributes blocs sets, registered in one place.

Components import this module so the attributes exist before a Doc is made;
registering twice is harmless (force=True keeps one definition).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_DOC = {
    "doc_id": None,  # str: input id or content hash
    "published": None,  # datetime.date | None: anchor for relative dates
    "duplicate_ranges": None,  # list[(start_char, end_char)] of repeated paragraphs
    "events": None,  # list[dict]: event records (DESIGN.md contract)
}
_SPAN = {
    "actors": None,  # list[Actor]: what an actor mention denotes (several for groups)
    "interval": None,  # TimeInterval: what a time expression denotes
    "place": None,  # Place: what a place mention denotes
}


def register() -> None:
    for name, default in _DOC.items():
        Doc.set_extension(name, default=default, force=True)
    for name, default in _SPAN.items():
        Span.set_extension(name, default=default, force=True)


register()
