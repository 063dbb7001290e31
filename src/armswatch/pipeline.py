"""The pipeline: the one place that chains the stages, in order:
ingest -> parse -> resolve -> extract -> attribute -> normalise (and consolidate) -> store -> fuse."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from armswatch.attribute import Attributor, attach_statements, credited_agency, deny
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
from armswatch.review import reattach_decisions
from armswatch.sources import FeedPoll, fetch_feed, mark_seen, remember_feed
from armswatch.store import Store, StoreError


@dataclass
class Pipeline:
    """Holds the loaded model and lexicons; build once per process and reuse."""

    batch_size: int = 16
    prefilter: bool = False  # skip the NLP for articles with no defence vocabulary (ingest turns it on)

    def __post_init__(self) -> None:
        self.nlp = load_nlp()
        self.extractor = make_extractor()
        self.attributor = Attributor(load_lexicon(), self.extractor.clause, self.extractor.items)
        self.consolidator = Consolidator(self.extractor.gaz)

    def extract(self, documents: Iterable[Document]) -> Iterator[ExtractionRecord]:
        """Records for documents, in input order, parsed in batches with nlp.pipe."""
        for item in self.extract_or_fail(documents):
            if isinstance(item, IngestError):
                raise RuntimeError(str(item))
            yield item

    def extract_or_fail(self, documents: Iterable[Document]) -> Iterator[ExtractionRecord | IngestError]:
        """Like extract, but a document whose extraction fails yields an error and the run goes on."""

        skipped: set[int] = set()
        too_long: set[int] = set()

        def texts() -> Iterator[tuple[str, Document]]:
            for document in documents:
                if len(document.text) > self.nlp.max_length:  # what ingest refuses, given directly
                    too_long.add(id(document))
                    yield "", document
                    continue
                if not document.published:
                    document.published = find_dateline(document.text)
                document.credit = document.credit or credited_agency(
                    document.text, self.attributor.lex.unnamed_agency_credits, document.outlet, document.title
                )
                if self.prefilter and not is_relevant(document.text):
                    skipped.add(id(document))
                    yield "", document  # an empty text keeps the order and costs nothing to parse
                else:
                    yield document.text, document

        for spacy_doc, document in self.nlp.pipe(texts(), as_tuples=True, batch_size=self.batch_size):
            if id(document) in too_long:
                too_long.discard(id(document))
                where = document.source_path or document.id
                limit = self.nlp.max_length
                yield IngestError(where, f"the text is longer than {limit:,} characters; split it first")
                continue
            if id(document) in skipped:
                skipped.discard(id(document))
                yield ExtractionRecord(document, [], [], skipped=True)
                continue
            try:
                candidates = self.extractor(spacy_doc, document.published)
                for cand in candidates:
                    cand.attributions = self.attributor(cand)
                    if cand.negated:
                        cand.attributions = deny(cand.attributions)
                attach_statements(spacy_doc, candidates, self.attributor)
                events, actors = self.consolidator(spacy_doc, candidates, document.published)
                entities = collect_entities(spacy_doc, events, actors, self.extractor.gaz)
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
    on_stored: Callable[[Session, ExtractionRecord], None] | None = None,
    on_warning: Callable[[IngestError], None] | None = None,
) -> IngestSummary:
    """Extract every input and store it with its fusion into cases, one transaction per document.
    Raises StoreError when the database becomes unusable (see database_unusable)."""
    records = pipeline.extract_paths(paths, allow_private=allow_private)
    store.relaxed_commits = True
    try:
        return ingest_records(
            pipeline,
            records,
            store,
            on_progress=on_progress,
            on_error=on_error,
            on_stored=on_stored,
            on_warning=on_warning,
        )
    finally:
        store.relaxed_commits = False


# SQLite primary result codes that mean the file cannot be written at all, whatever the document.
_SQLITE_UNUSABLE = {
    3: "permission denied",  # SQLITE_PERM
    8: "read-only",  # SQLITE_READONLY
    10: "I/O error",  # SQLITE_IOERR (EFBIG, EIO, ...)
    11: "corrupt",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL (ENOSPC)
    14: "cannot open",  # SQLITE_CANTOPEN
    26: "not a database",  # SQLITE_NOTADB
}
# PostgreSQL SQLSTATE classes likewise: connection exception, insufficient resources (disk full, out of
# memory, too many connections), operator intervention (shutdown, database dropped), system error and
# internal error; plus a read-only transaction (a hot standby).
_PG_UNUSABLE_CLASSES = ("08", "53", "57", "58", "XX")
_PG_UNUSABLE_STATES = ("25006",)
_PG_NOT_FATAL = ("57014",)  # query_canceled (statement_timeout): about one statement, not the server


def database_unusable(exc: BaseException) -> str | None:
    """Why the database cannot take any more writes (connection lost, disk full, read-only, I/O error), in
    one line; None when the error concerns one unit of work (a constraint, a deadlock, bad data) and the
    next document may well be stored."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    orig = getattr(exc, "orig", None) or exc
    reason = (str(orig).strip().splitlines() or [orig.__class__.__name__])[0]
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return f"lost the connection to the database: {reason}"
    if isinstance(orig, sqlite3.Error):
        code = getattr(orig, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _SQLITE_UNUSABLE:
            return f"cannot write to the database ({_SQLITE_UNUSABLE[code & 0xFF]}): {reason}"
        return None
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return None
    if isinstance(orig, psycopg.Error):
        state = orig.sqlstate
        if state is None and isinstance(orig, psycopg.OperationalError | psycopg.InterfaceError):
            return f"lost the connection to the database: {reason}"  # no server reply: the link is gone
        unusable = state is not None and (state[:2] in _PG_UNUSABLE_CLASSES or state in _PG_UNUSABLE_STATES)
        if unusable and state not in _PG_NOT_FATAL:
            return f"the database cannot be used: {reason}"
    return None


# Tries of one document's write when concurrent writers collide: two Dask workers fusing reports of the
# same case can collide again on the retry, so once more is not always enough.
WRITE_ATTEMPTS = 3
# PostgreSQL's codes for a transaction that lost to a concurrent one: serialization failure, deadlock.
CONCURRENCY_SQLSTATES = frozenset({"40001", "40P01"})


def collided(exc: Exception) -> bool:
    """A write that failed only because another writer got there first: worth trying again."""
    from sqlalchemy.exc import IntegrityError

    if isinstance(exc, IntegrityError):
        return True
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in CONCURRENCY_SQLSTATES


def ingest_records(
    pipeline: Pipeline,
    records: Iterable[ExtractionRecord | IngestError],
    store: Store,
    *,
    on_progress: Callable[[IngestSummary, str], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    on_stored: Callable[[Session, ExtractionRecord], None] | None = None,
    on_warning: Callable[[IngestError], None] | None = None,
) -> IngestSummary:
    """Store extracted records, each with its fusion into cases (and on_stored, for the caller's own
    bookkeeping) in one transaction. A write that collides with a concurrent writer (another worker
    creating the same case, or a deadlock between two workers fusing at once) is retried, up to
    WRITE_ATTEMPTS times in all. A document the database refuses is reported and the run goes
    on; a database that can take no more writes (lost, full, read-only) stops the run with StoreError."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    fuser = Fuser()
    summary = IngestSummary()

    for item in records:
        if isinstance(item, IngestError):
            summary.errors += 1
            if on_error is not None:
                on_error(item)
            continue
        if on_warning is not None:
            for warning in item.doc.warnings:
                on_warning(IngestError(item.doc.source_path or item.doc.id, warning))

        def fuse(session: Session, document_id: int, record: ExtractionRecord = item) -> None:
            fuser.fuse_document(session, document_id)
            if on_stored is not None:
                on_stored(session, record)

        try:
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    result = store.save(item, on_saved=fuse)
                    break
                except (IntegrityError, OperationalError) as exc:
                    if attempt == WRITE_ATTEMPTS or not collided(exc):
                        raise
        except SQLAlchemyError as exc:  # this document is rolled back whole
            unusable = database_unusable(exc)
            if unusable is not None:  # every later document would fail the same way: stop here
                raise StoreError(unusable) from exc
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


class SubmitRefused(ValueError):
    """A submitted article that cannot be read or fetched; the message says why."""


@dataclass
class Submitted:
    """What submitting one article did."""

    document_id: int
    stored: bool  # False: the same text was stored before
    duplicate_of: int | None
    warnings: list[str]


def submit(
    get_pipeline: Callable[[], Pipeline], store: Store, record: dict[str, Any], policy: FetchPolicy
) -> Submitted:
    """Read one submitted article (text, HTML, or only a URL, fetched under policy), then extract, store and
    fuse it in one transaction. The one submit service of the REST API and the submit page. get_pipeline
    is called only when there is text to read, so a refused article never loads the model."""
    from armswatch.decode import url_id
    from armswatch.fetch import FetchError, fetch_url
    from armswatch.ingest import record_to_document

    record = dict(record)
    has_body = any(isinstance(record.get(k), str) and record[k].strip() for k in ("text", "html"))
    url = record.get("url")
    if not has_body:
        if not url:
            raise SubmitRefused("give the article as 'text', 'html' or 'url'")
        try:
            fetched = fetch_url(url, policy)
        except FetchError as exc:
            raise SubmitRefused(str(exc)) from None
        record.update(
            text=fetched.text,
            title=record.get("title") or fetched.title,
            outlet=record.get("outlet") or fetched.outlet,
            published=record.get("published") or fetched.published,
        )
    if any(isinstance(v, str) and "\x00" in v for v in record.values()):
        raise SubmitRefused("NUL characters are not allowed")
    default_id = url_id(url) if url else f"submitted-{url_id(record.get('text') or record.get('html') or '')}"
    document = record_to_document(record, default_id)
    if isinstance(document, str):
        raise SubmitRefused(document)
    extracted = next(get_pipeline().extract([document]))
    fuser = Fuser()
    result = store.save(extracted, on_saved=lambda session, doc_id: fuser.fuse_document(session, doc_id))
    return Submitted(result.document_id, result.stored, result.duplicate_of, list(document.warnings))


REPROCESS_CHUNK = 200


def reprocess(pipeline: Pipeline, store: Store, on_progress: Callable[[int], None] | None = None) -> int:
    """Re-extract every stored document with the current extractor; each document in one transaction.
    Texts are read REPROCESS_CHUNK documents at a time, so memory does not grow with the store."""
    from sqlalchemy import select

    from armswatch.store import DocumentRow

    fuser = Fuser()
    with store.sessions() as session:
        ids = list(session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)))
    columns = (
        DocumentRow.id,
        DocumentRow.doc_key,
        DocumentRow.text,
        DocumentRow.title,
        DocumentRow.outlet,
        DocumentRow.published,
        DocumentRow.url,
    )
    stored: list[int] = []  # the ids of the documents read, in the order they go into the pipeline

    def documents() -> Iterator[Document]:
        for first in range(0, len(ids), REPROCESS_CHUNK):
            chunk = ids[first : first + REPROCESS_CHUNK]
            with store.sessions() as session:  # closed before yielding: no read transaction stays open
                rows = session.execute(
                    select(*columns).where(DocumentRow.id.in_(chunk)).order_by(DocumentRow.id)
                ).all()
            for r in rows:  # a document deleted meanwhile is simply not there
                stored.append(r[0])
                yield Document(id=r[1], text=r[2], title=r[3], outlet=r[4], published=r[5], url=r[6])

    def refuse(session: Session, document_id: int, old_cases: set[int]) -> None:
        # analysts' decisions go back on the events read from the same words (or are orphaned) before
        # fusion, so a rejected report stays out of the cases; the old cases' keys are re-clustered too: a
        # report that bridged two dates may be gone
        reattach_decisions(session, document_id)
        fuser.fuse_document(session, document_id, old_cases)

    done = 0
    for position, record in enumerate(pipeline.extract(documents())):
        store.replace_extraction(stored[position], record, on_replaced=refuse)
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
    Returns the number of articles stored.

    An item is marked seen in the same transaction as its document (or, when nothing new is stored for it:
    already stored, or its fetch failed, after it was tried), and the feed's ETag and Last-Modified only
    once every new item was tried: a watcher killed mid-round leaves the rest unseen, and the next poll
    ingests them, each once."""
    import time

    stored = 0
    rounds = 0
    while True:
        for url in feeds:
            poll = fetch_feed(url, store, policy)
            summary = None
            if poll.items:
                summary = IngestSummary()
                for key, link in poll.items:

                    def seen(
                        session: Session, _record: ExtractionRecord, feed: str = url, k: str = key
                    ) -> None:
                        mark_seen(session, feed, [k])

                    part = ingest(
                        pipeline,
                        [link],
                        store,
                        on_error=on_error,
                        allow_private=policy.allow_private,
                        on_stored=seen,
                    )
                    if not part.documents:  # nothing stored, so nothing marked it: mark it now
                        with store.session() as session:
                            mark_seen(session, url, [key])
                    for name, value in asdict(part).items():
                        setattr(summary, name, getattr(summary, name) + value)
                stored += summary.documents
            if poll.status in ("new items", "no new items"):  # every item tried: keep the validators
                with store.session() as session:
                    remember_feed(session, poll)
            if on_poll is not None:
                on_poll(poll, summary)
        rounds += 1
        if once or (max_rounds is not None and rounds >= max_rounds):
            return stored
        time.sleep(interval)
