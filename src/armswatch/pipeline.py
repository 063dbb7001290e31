"""The pipeline: the one place that chains the stages, in order:
ingest -> parse -> resolve -> extract -> attribute -> normalise (and consolidate) -> store -> fuse."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from armswatch.attribute import Attributor, attach_statements, deny
from armswatch.events import Consolidator, collect_entities
from armswatch.extract import make_extractor
from armswatch.fetch import FetchPolicy
from armswatch.fuse import Fuser, drop_empty_cases
from armswatch.ingest import IngestError, read_documents
from armswatch.lexicon import load_lexicon
from armswatch.normalise import find_dateline
from armswatch.parse import load_nlp
from armswatch.prefilter import is_relevant
from armswatch.records import Document, ExtractionRecord
from armswatch.sources import FeedPoll, poll_feed
from armswatch.store import Store


@dataclass
class Pipeline:
    """Holds the loaded model and lexicons; build once per process and reuse."""

    batch_size: int = 16
    prefilter: bool = False  # skip the NLP for articles with no defence vocabulary (ingest turns it on)

    def __post_init__(self) -> None:
        self.nlp = load_nlp()
        self.extractor = make_extractor()
        self.attributor = Attributor(load_lexicon(), self.extractor)
        self.consolidator = Consolidator(self.extractor)

    def extract(self, documents: Iterable[Document]) -> Iterator[ExtractionRecord]:
        """Records for documents, in input order, parsed in batches with nlp.pipe."""
        for item in self.extract_or_fail(documents):
            if isinstance(item, IngestError):
                raise RuntimeError(str(item))
            yield item

    def extract_or_fail(self, documents: Iterable[Document]) -> Iterator[ExtractionRecord | IngestError]:
        """Like extract, but a document whose extraction fails yields an error and the run goes on."""

        skipped: set[int] = set()

        def texts() -> Iterator[tuple[str, Document]]:
            for document in documents:
                if not document.published:
                    document.published = find_dateline(document.text)
                if self.prefilter and not is_relevant(document.text):
                    skipped.add(id(document))
                    yield "", document  # an empty text keeps the order and costs nothing to parse
                else:
                    yield document.text, document

        for spacy_doc, document in self.nlp.pipe(texts(), as_tuples=True, batch_size=self.batch_size):
            if id(document) in skipped:
                skipped.discard(id(document))
                yield ExtractionRecord(document, [], [], skipped=True)
                continue
            try:
                candidates = self.extractor(spacy_doc, document.published)
                for cand in candidates:
                    cand.attributions = self.attributor(cand)
                    if cand.roles.pop("_negated", False):
                        cand.attributions = deny(cand.attributions)
                attach_statements(spacy_doc, candidates, self.attributor)
                events, actors = self.consolidator(spacy_doc, candidates, document.published)
                entities = collect_entities(spacy_doc, events, actors, self.extractor)
            except Exception as exc:  # one bad document must not stop a batch of thousands
                where = document.source_path or document.id
                yield IngestError(where, f"extraction failed ({exc.__class__.__name__}: {exc})")
                continue
            yield ExtractionRecord(document, entities, events)

    def extract_paths(
        self,
        paths: Iterable[str],
        *,
        published: str | None = None,
        outlet: str | None = None,
        allow_private: bool = False,
    ) -> Iterator[ExtractionRecord | IngestError]:
        """Records and per-input errors for files, folders and JSONL files, in input order."""
        errors: list[IngestError] = []

        def documents() -> Iterator[Document]:
            for item in read_documents(paths, allow_private=allow_private):
                if isinstance(item, IngestError):
                    errors.append(item)
                    continue
                item.published = item.published or published
                item.outlet = item.outlet or outlet
                yield item

        for record in self.extract_or_fail(documents()):
            while errors:
                yield errors.pop(0)
            yield record
        yield from errors


def extract_text(text: str, doc_id: str = "text", published: str | None = None) -> ExtractionRecord:
    """Convenience for one text (tests, the API): the record for it."""
    return next(Pipeline().extract([Document(id=doc_id, text=text, published=published)]))


@dataclass
class IngestSummary:
    documents: int = 0  # newly stored
    already_stored: int = 0
    near_duplicates: int = 0
    events: int = 0
    errors: int = 0
    skipped: int = 0  # stored without NLP: no defence vocabulary


def ingest(
    pipeline: Pipeline,
    paths: Iterable[str],
    store: Store,
    *,
    on_progress: Callable[[IngestSummary, str], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    allow_private: bool = False,
) -> IngestSummary:
    """Extract every input and store it with its fusion into cases, one transaction per document."""
    records = pipeline.extract_paths(paths, allow_private=allow_private)
    store.relaxed_commits = True
    try:
        return ingest_records(pipeline, records, store, on_progress=on_progress, on_error=on_error)
    finally:
        store.relaxed_commits = False


def ingest_records(
    pipeline: Pipeline,
    records: Iterable[ExtractionRecord | IngestError],
    store: Store,
    *,
    on_progress: Callable[[IngestSummary, str], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> IngestSummary:
    """Store extracted records, each with its fusion into cases in one transaction. A write that collides
    with a concurrent writer (another worker creating the same case) is retried once."""
    from sqlalchemy.exc import IntegrityError

    fuser = Fuser()
    summary = IngestSummary()

    def fuse(session: Session, document_id: int) -> None:
        fuser.fuse_document(session, document_id)

    for item in records:
        if isinstance(item, IngestError):
            summary.errors += 1
            if on_error is not None:
                on_error(item)
            continue
        try:
            try:
                result = store.save(item, on_saved=fuse)
            except IntegrityError:
                result = store.save(item, on_saved=fuse)
        except SQLAlchemyError as exc:  # this document is rolled back whole; the run goes on
            summary.errors += 1
            if on_error is not None:
                reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
                on_error(IngestError(item.doc.source_path or item.doc.id, f"could not store: {reason}"))
            continue
        if result.stored:
            summary.documents += 1
            summary.skipped += item.skipped
            summary.events += result.events
            summary.near_duplicates += result.duplicate_of is not None
        else:
            summary.already_stored += 1
        if on_progress is not None:
            on_progress(summary, item.doc.id)
    return summary


def reprocess(pipeline: Pipeline, store: Store, on_progress: Callable[[int], None] | None = None) -> int:
    """Re-extract every stored document with the current extractor; each document in one transaction."""
    from sqlalchemy import select

    from armswatch.store import DocumentRow

    fuser = Fuser()
    with store.sessions() as session:
        rows = session.execute(
            select(
                DocumentRow.id,
                DocumentRow.doc_key,
                DocumentRow.text,
                DocumentRow.title,
                DocumentRow.outlet,
                DocumentRow.published,
                DocumentRow.url,
            ).order_by(DocumentRow.id)
        ).all()
    ids = [r[0] for r in rows]
    docs = [Document(id=r[1], text=r[2], title=r[3], outlet=r[4], published=r[5], url=r[6]) for r in rows]

    def refuse(session: Session, document_id: int, old_cases: set[int]) -> None:
        touched = fuser.fuse_document(session, document_id)
        for case_id in old_cases - touched:
            fuser.recompute(session, case_id)

    done = 0
    for document_id, record in zip(ids, pipeline.extract(docs), strict=True):
        store.replace_extraction(document_id, record, on_replaced=refuse)
        done += 1
        if on_progress is not None:
            on_progress(done)
    with store.session() as session:
        drop_empty_cases(session)  # cases whose reports no longer read as that event
    return done


def watch(
    pipeline: Pipeline,
    store: Store,
    feeds: list[str],
    *,
    policy: FetchPolicy,
    once: bool = True,
    interval: float = 900.0,
    max_rounds: int | None = None,
    on_poll: Callable[[FeedPoll, IngestSummary | None], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> int:
    """Poll feeds (conditional GET), ingest the articles of new items; once, or every interval seconds.
    Returns the number of articles stored."""
    import time

    stored = 0
    rounds = 0
    while True:
        for url in feeds:
            poll = poll_feed(url, store, policy)
            summary = None
            if poll.new_links:
                summary = ingest(
                    pipeline, poll.new_links, store, on_error=on_error, allow_private=policy.allow_private
                )
                stored += summary.documents
            if on_poll is not None:
                on_poll(poll, summary)
        rounds += 1
        if once or (max_rounds is not None and rounds >= max_rounds):
            return stored
        time.sleep(interval)
