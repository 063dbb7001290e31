"""Store: every document, entity, event, attribution and evidence span as rows with provenance, on SQLite
(the embedded default) or PostgreSQL, with Alembic migrations, content-hash idempotency and near-duplicate
links (MinHash LSH on word shingles)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker

from armswatch import __version__
from armswatch.ontology import load_ontology
from armswatch.records import ExtractionRecord

DEFAULT_DB = "sqlite:///armswatch.db"
EXTRACTOR_VERSION = __version__
SHINGLE = 5
NEAR_DUPLICATE_THRESHOLD = 0.5  # the LSH's Jaccard threshold for candidates, checked by overlap below
# A body that holds this share of another's shingles, or whose shingles the other mostly holds, is a copy
# of it (a syndicated copy with a cut ending, other clutter and reworded phrases is far below 0.8 Jaccard;
# copies measured 0.72-0.95 containment, independent reports of one deal under 0.2).
COPY_OVERLAP = 0.6
MINHASH_PERMUTATIONS = 128
MINHASH_SCHEME = "affine32"  # stored signatures are only comparable under the scheme that made them


class StoreError(RuntimeError):
    """The database cannot be used: unreachable, or at a schema version this armswatch does not know."""


def database_url(url: str | None = None) -> str:
    """--db, else ARMSWATCH_DB, else ./armswatch.db."""
    return url or os.environ.get("ARMSWATCH_DB") or DEFAULT_DB


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(255), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(255), index=True)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    n_shingles: Mapped[int | None] = mapped_column(Integer)  # the body's shingle count, for containment
    # The agency an article credits for its text ("(Reuters) -", "With inputs from PTI"): its origin.
    credit: Mapped[str | None] = mapped_column(String(255))
    # Its hyphenated designations as single words ("S-400" -> "s400"), indexed for search; migration 0005.
    designations: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    extractor_version: Mapped[str] = mapped_column(String(32))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    events: Mapped[list[EventRow]] = relationship(back_populates="document", cascade="all, delete-orphan")
    mentions: Mapped[list[MentionRow]] = relationship(back_populates="document", cascade="all, delete-orphan")


class EntityRow(Base):
    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("name", "type", name="uq_entity_name_type"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    country: Mapped[str | None] = mapped_column(String(3))
    role: Mapped[str | None] = mapped_column(String(255))


entity_aliases = Table(
    "entity_aliases",
    Base.metadata,
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", String(255), primary_key=True),
)


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    document: Mapped[DocumentRow] = relationship(back_populates="mentions")


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_key: Mapped[str] = mapped_column(String(512), unique=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    supplier: Mapped[str | None] = mapped_column(String(255), index=True)
    recipient: Mapped[str | None] = mapped_column(String(255), index=True)
    item: Mapped[str | None] = mapped_column(String(255), index=True)
    category: Mapped[str | None] = mapped_column(String(32), index=True)
    parties: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str | None] = mapped_column(String(16), index=True)
    quantity: Mapped[int | None] = mapped_column(Integer)
    value_usd: Mapped[float | None] = mapped_column(Float)
    order_date: Mapped[str | None] = mapped_column(String(10))
    delivery_dates: Mapped[list[Any]] = mapped_column(JSON, default=list)
    first_reported: Mapped[str | None] = mapped_column(String(10), index=True)
    last_reported: Mapped[str | None] = mapped_column(String(10), index=True)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    n_origins: Mapped[int] = mapped_column(Integer, default=0)
    contested: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    state_media_only: Mapped[bool] = mapped_column(Boolean, default=False)
    best: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status_history: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # The entities behind supplier and recipient (their counterparts for other types), by id.
    supplier_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    recipient_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    # How the independent origins were counted: [{"voice", "reports", "why", "party_state_media"}].
    origins: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # A transfer's maker (migration 0006): the company named by the text, or the catalog's manufacturer of
    # the item. Supplier and recipient are states (a company is folded into its home state).
    maker: Mapped[str | None] = mapped_column(String(255), index=True)
    maker_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))  # 0009
    # the chance that at least one of its reports is right (fuse.case_confidence); NULL before 0010
    confidence: Mapped[float | None] = mapped_column(Float)
    events: Mapped[list[EventRow]] = relationship(back_populates="case")


# Case-insensitive lookups of an exact actor name (register filters); migration 0002.
Index("ix_cases_supplier_lower", func.lower(CaseRow.supplier))
Index("ix_cases_recipient_lower", func.lower(CaseRow.recipient))


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_type_date", "type", "date_start"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str | None] = mapped_column(String(16))
    roles: Mapped[dict[str, Any]] = mapped_column(JSON)
    date_start: Mapped[str | None] = mapped_column(String(10))
    date_end: Mapped[str | None] = mapped_column(String(10))
    # its date's year came from the publication date ("last month"): SIPRI's "?" (migration 0008)
    date_relative: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # an analyst's decision on it (confirmed, rejected, edited; armswatch.review) and a change counter for
    # optimistic concurrency (migration 0009)
    review_state: Mapped[str | None] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    pinned_case_id: Mapped[int | None] = mapped_column(Integer)  # moved there by an analyst: fusion keeps it
    # how likely the machine's reading is right, in [0, 1] (armswatch.confidence); NULL before 0010
    confidence: Mapped[float | None] = mapped_column(Float)
    # The event's case key without its period: every report with this key is clustered by date into cases.
    fuse_key: Mapped[str | None] = mapped_column(String(512), index=True)
    extractor_version: Mapped[str] = mapped_column(String(32))
    document: Mapped[DocumentRow] = relationship(back_populates="events")
    case: Mapped[CaseRow | None] = relationship(back_populates="events")
    participants: Mapped[list[EventActorRow]] = relationship(cascade="all, delete-orphan")
    attributions: Mapped[list[AttributionRow]] = relationship(cascade="all, delete-orphan")
    evidence: Mapped[list[EvidenceRow]] = relationship(cascade="all, delete-orphan")


class EventActorRow(Base):
    """One row per (event, role, entity): what the timeline and the filters query."""

    __tablename__ = "event_actors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)


class CaseStatementRow(Base):
    """One fused value of a case and one report that supports it (in the manner of nomenklatura's
    statements): a case shows where each of its values comes from."""

    __tablename__ = "case_statements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    prop: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(512))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)  # the value the case shows


class AttributionRow(Base):
    __tablename__ = "attributions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    source: Mapped[str | None] = mapped_column(String(255))
    stance: Mapped[str] = mapped_column(String(16), index=True)
    cue: Mapped[str | None] = mapped_column(String(255))
    via: Mapped[str | None] = mapped_column(String(255))


class EvidenceRow(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)


class FeedStateRow(Base):
    """Reserved for the feed watcher (ETag, Last-Modified, items seen)."""

    __tablename__ = "feed_state"
    url: Mapped[str] = mapped_column(String(1024), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(255))
    last_modified: Mapped[str | None] = mapped_column(String(255))
    seen: Mapped[list[Any]] = mapped_column(JSON, default=list)


class UserRow(Base):
    """A named person with a role and an API token, of which only a keyed hash is kept (armswatch.users);
    migration 0007. A removed user keeps the row (removed_at) so what they did stays attributed."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("name", name="uq_users_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    token_prefix: Mapped[str] = mapped_column(String(16), index=True)  # finds the row to check the hash of
    token_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ReviewDecisionRow(Base):
    """An analyst's standing decision on an event, kept by the evidence it was made on (anchor: the type,
    evidence spans and key roles as the machine read them) so that it re-attaches to the event a reprocess
    re-creates from the same words, or is orphaned for a person to look at (armswatch.review; 0009)."""

    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    anchor: Mapped[dict[str, Any]] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    by: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))


class AuditRow(Base):
    """One entry of the append-only audit trail: who did what to which event or case, the values before
    and after, and why. The app only ever inserts these (armswatch.review.audit); 0009."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    by: Mapped[str] = mapped_column(String(255))
    event_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no foreign key: it outlives the event
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(String(32))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)


class SipriUploadRow(Base):
    """A SIPRI trade register set beside ours (armswatch.reconcile): the file, who gave it, and the rows that
    could not be read. The newest upload replaces the one before; migration 0008."""

    __tablename__ = "sipri_uploads"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    uploaded_by: Mapped[str | None] = mapped_column(String(255))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    unreadable: Mapped[list[Any]] = mapped_column(JSON, default=list)


class SipriRecordRow(Base):
    """One row of the uploaded SIPRI register, found by its pair of sides (reconcile.actor_key)."""

    __tablename__ = "sipri_records"
    __table_args__ = (Index("ix_sipri_records_pair", "recipient_key", "supplier_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("sipri_uploads.id", ondelete="CASCADE"), index=True)
    recipient_key: Mapped[str] = mapped_column(String(255))
    supplier_key: Mapped[str] = mapped_column(String(255))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


# ---- engine and schema -----------------------------------------------------------------------------------


def make_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    # A server connection can drop between requests; a SQLite file cannot, so it skips the ping per checkout.
    engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")  # crash-safe, readers never block the ingest
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("armswatch").joinpath("migrations")))
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to this armswatch's version (Alembic); refuse a database from a newer one."""
    from alembic import command
    from alembic.script import ScriptDirectory

    try:
        current = current_revision(engine)
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0]
        if "readonly" in reason or "read-only" in reason:  # SQLite opened a read-only file
            raise StoreError(f"cannot write to the database (read-only): {reason}") from exc
        raise StoreError(f"cannot reach the database: {reason}") from exc
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config(engine)).walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"the database is at schema version {current}, newer than this armswatch knows; upgrade armswatch"
        )
    if current != head_revision(engine):
        command.upgrade(alembic_config(engine), "head")


# The schema version from which events carry fusion keys: a database upgraded across it is re-fused once.
FUSION_KEYS_REVISION = "0004"
# The schema version from which a transfer's sides are states and its company is its maker: a database
# upgraded across it has every case recomputed once (the migration's SQL backfill cannot read the catalog).
MAKERS_REVISION = "0006"


def open_store(url: str | None = None) -> Store:
    engine = make_engine(url)
    before = current_revision_or_none(engine)
    upgrade(engine)
    store = Store(engine)
    if before is not None and before < MAKERS_REVISION:
        from armswatch.fuse import refuse_all

        with store.session() as session:  # the new keys, origins, statements, states and makers
            refuse_all(session, rekey=before < FUSION_KEYS_REVISION)
    return store


def current_revision_or_none(engine: Engine) -> str | None:
    """The schema version, or None for a new database (or one upgrade() will refuse with a clear error)."""
    try:
        return current_revision(engine)
    except SQLAlchemyError:
        return None


# ---- near duplicates --------------------------------------------------------------------------------------


def content_hash(text_: str) -> str:
    normalised = re.sub(r"\s+", " ", text_).strip().lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def article_body(text_: str) -> str:
    """The text without its page-clutter paragraphs (bylines, "Read more", sign-up prompts, captions): what
    two copies of one story share whatever the page around them."""
    from armswatch.lexicon import load_lexicon  # the clutter lexicon the parser reads as well

    patterns = load_lexicon().clutter
    lines = [line for line in text_.splitlines() if not any(p.match(line.strip()) for p in patterns)]
    return "\n".join(lines)


def shingles(text_: str) -> set[bytes]:
    words = re.findall(r"\w+", text_.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def body_sketch(text_: str) -> tuple[Any, int]:
    """The MinHash of an article's body (clutter removed) and its number of shingles."""
    from datasketch import MinHash

    found = shingles(article_body(text_))
    mh = MinHash(num_perm=MINHASH_PERMUTATIONS, scheme=MINHASH_SCHEME)
    mh.update_batch(list(found))
    return mh, len(found)


def minhash_bytes(mh: Any) -> bytes:
    import numpy as np

    return bytes(np.asarray(mh.hashvalues, dtype=np.uint64).tobytes())


def minhash_from_bytes(data: bytes) -> Any:
    import numpy as np
    from datasketch import MinHash

    return MinHash(
        num_perm=MINHASH_PERMUTATIONS, hashvalues=np.frombuffer(data, dtype=np.uint64), scheme=MINHASH_SCHEME
    )


def overlap_of(jaccard: float, size_a: int | None, size_b: int | None) -> float:
    """The share of the smaller shingle set that the other holds, from their Jaccard and sizes (Jaccard
    itself when a size is unknown)."""
    if not size_a or not size_b:
        return jaccard
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, shared / min(size_a, size_b))


@dataclass
class NearDuplicateIndex:
    """MinHash LSH over the stored documents (built once per ingest run, then kept up to date). Candidates
    are checked by overlap, so a shortened or re-cluttered copy is found as well as an exact one."""

    lsh: Any
    roots: dict[str, tuple[int, Any, int | None]]  # id -> (root, minhash, shingle count)

    @classmethod
    def load(cls, session: Session) -> NearDuplicateIndex:
        from datasketch import MinHashLSH

        index = cls(MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=MINHASH_PERMUTATIONS), {})
        rows = session.execute(
            select(DocumentRow.id, DocumentRow.minhash, DocumentRow.duplicate_of, DocumentRow.n_shingles)
        )
        for doc_id, data, duplicate_of, size in rows:
            if data:
                index.add(doc_id, minhash_from_bytes(data), duplicate_of, size)
        return index

    def add(self, doc_id: int, mh: Any, duplicate_of: int | None, size: int | None = None) -> None:
        key = str(doc_id)
        if key not in self.roots:
            self.lsh.insert(key, mh)
            self.roots[key] = (duplicate_of or doc_id, mh, size)

    def original_of(self, mh: Any, size: int | None = None) -> int | None:
        """The earliest stored document this one copies or is copied in (overlap >= COPY_OVERLAP)."""
        hits = []
        for key in self.lsh.query(mh):
            root, other, other_size = self.roots[key]
            if overlap_of(float(mh.jaccard(other)), size, other_size) >= COPY_OVERLAP:
                hits.append(root)
        return min(hits) if hits else None


# The entity a role's name stands for when several types share the name: a place for a place role, else the
# actor reading first (the ontology's actor_type_order).
PLACE_ROLES = ("location", "destination")  # roles that name a place (export reads them the same way)


def role_entity(ids_by_type: dict[str, int], role: str) -> int | None:
    if not ids_by_type:
        return None
    if role in PLACE_ROLES and "location" in ids_by_type:
        return ids_by_type["location"]
    return ids_by_type[min(ids_by_type, key=load_ontology().actor_rank)]


# ---- writing ----------------------------------------------------------------------------------------------


@dataclass
class StoreResult:
    document_id: int
    stored: bool  # False when the same content was already stored
    duplicate_of: int | None
    events: int


class Store:
    """The database behind armswatch: one engine, sessions per unit of work."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self._near: NearDuplicateIndex | None = None
        self._entity_ids: dict[tuple[str, str], int] = {}
        self.relaxed_commits = False  # set by bulk ingests (see session())
        self._aliases: set[tuple[int, str]] = set()  # written this run: skip re-sending them

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as session, session.begin():
            if self.relaxed_commits and self.engine.dialect.name == "postgresql":
                # A bulk ingest need not wait for each commit's WAL flush: a server crash can lose the
                # last few hundred milliseconds of commits (never half a document), and the content-hash
                # idempotency makes re-running the ingest bring them back.
                session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            yield session

    def near_index(self) -> NearDuplicateIndex:
        if self._near is None:
            with self.sessions() as session:
                self._near = NearDuplicateIndex.load(session)
        return self._near

    def known_hash(self, digest: str) -> int | None:
        with self.sessions() as session:
            return session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == digest))

    def save(
        self, record: ExtractionRecord, on_saved: Callable[[Session, int], object] | None = None
    ) -> StoreResult:
        """Store one extracted document with everything read from it, and (on_saved) its fusion into
        cases, in one transaction: a crash leaves either all of it or none of it."""
        digest = content_hash(record.doc.text)
        existing = self.known_hash(digest)
        if existing is not None:
            return StoreResult(existing, False, None, 0)
        mh, size = body_sketch(record.doc.text)
        original = self.near_index().original_of(mh, size)
        try:
            with self.session() as session:
                doc = DocumentRow(
                    doc_key=record.doc.id,
                    content_hash=digest,
                    title=record.doc.title,
                    url=record.doc.url,
                    outlet=record.doc.outlet,
                    published=record.doc.published,
                    language=record.doc.language,
                    text=record.doc.text,
                    minhash=minhash_bytes(mh),
                    n_shingles=size,
                    credit=record.doc.credit,
                    designations=designation_terms(f"{record.doc.title or ''}\n{record.doc.text}"),
                    duplicate_of=original,
                    extractor_version=EXTRACTOR_VERSION,
                    ingested_at=datetime.now(UTC),
                )
                session.add(doc)
                session.flush()
                self._write_extraction(session, doc, record)
                session.flush()
                doc_id, n_events = doc.id, len(record.events)
                if on_saved is not None:
                    on_saved(session, doc_id)
        except SQLAlchemyError:
            self._entity_ids.clear()  # ids cached inside the rolled-back transaction are gone
            self._aliases.clear()
            raise
        self.near_index().add(doc_id, mh, original, size)
        return StoreResult(doc_id, True, original, n_events)

    def replace_extraction(
        self,
        document_id: int,
        record: ExtractionRecord,
        on_replaced: Callable[[Session, int, set[int]], object] | None = None,
    ) -> int:
        """Reprocess: swap a stored document's mentions and events for a new extraction, atomically."""
        with self.session() as session:
            old_cases = {
                e.case_id
                for e in session.scalars(select(EventRow).where(EventRow.document_id == document_id))
                if e.case_id is not None
            }
            doc = session.get(DocumentRow, document_id)
            if doc is None:
                raise StoreError(f"no document {document_id}")
            doc.events.clear()
            doc.mentions.clear()
            session.flush()
            doc.extractor_version = EXTRACTOR_VERSION
            self._write_extraction(session, doc, record)
            session.flush()
            # the new events were added by document id: the emptied collection must be read again, or
            # fusion (which walks doc.events) would see none and the document's cases would be dropped
            session.expire(doc, ["events", "mentions"])
            if on_replaced is not None:
                on_replaced(session, document_id, old_cases)
        return len(record.events)

    def entity_id(
        self, session: Session, name: str, type_: str, country: str | None, role: str | None
    ) -> int:
        key = (name, type_)
        cached = self._entity_ids.get(key)
        if cached is not None:
            return cached
        # One upsert for both databases: concurrent ingests never trip over the unique (name, type).
        session.execute(
            upsert_ignoring(session, EntityRow.__table__).values(
                name=name, type=type_, country=country, role=role
            )
        )
        found = session.scalar(select(EntityRow.id).where(EntityRow.name == name, EntityRow.type == type_))
        assert found is not None
        self._entity_ids[key] = found
        return found

    def _write_extraction(self, session: Session, doc: DocumentRow, record: ExtractionRecord) -> None:
        text_ = record.doc.text
        mention_rows: list[dict[str, int]] = []
        new_aliases: list[dict[str, Any]] = []
        ids_by_name: dict[str, dict[str, int]] = {}  # name -> type -> id: the entities roles name
        for entity in record.entities:
            entity_id = self.entity_id(session, entity.name, entity.type, entity.country, entity.role)
            ids_by_name.setdefault(entity.name, {})[entity.type] = entity_id
            for start, end in sorted(set(entity.mentions)):
                mention_rows.append(
                    {"document_id": doc.id, "entity_id": entity_id, "start": start, "end": end}
                )
                alias = text_[start:end].strip()
                if (
                    alias
                    and alias != entity.name
                    and len(alias) <= 255
                    and (entity_id, alias) not in self._aliases
                ):
                    self._aliases.add((entity_id, alias))
                    new_aliases.append({"entity_id": entity_id, "alias": alias})
        # Bulk statements: one INSERT for all mentions, one upsert for the aliases not seen this run.
        if mention_rows:
            session.execute(insert(MentionRow), mention_rows)
        if new_aliases:
            session.execute(upsert_ignoring(session, entity_aliases), new_aliases)
        for extracted in record.events:
            data = extracted.to_dict()
            row = EventRow(
                document_id=doc.id,
                type=extracted.type,
                status=extracted.status,
                roles=data["roles"],
                date_start=(extracted.date or {}).get("start"),
                date_end=(extracted.date or {}).get("end"),
                date_relative=extracted.date_relative,
                confidence=extracted.confidence,
                extractor_version=EXTRACTOR_VERSION,
            )
            for role, value in data["roles"].items():
                for name in value if isinstance(value, list) else [value]:
                    if isinstance(name, str) and role not in ("topic", "purpose", "item_category"):
                        actor_id = role_entity(ids_by_name.get(name, {}), role)
                        row.participants.append(EventActorRow(role=role, name=name[:255], entity_id=actor_id))
            for a in extracted.attributions:
                row.attributions.append(
                    AttributionRow(source=a.source, stance=a.stance, cue=a.cue, via=a.via)
                )
            for start, end in sorted(set(extracted.evidence)):
                row.evidence.append(EvidenceRow(start=start, end=end, quote=text_[start:end]))
            session.add(row)

    def search(self, query: str, limit: int = 20) -> list[tuple[int, str, str | None, str]]:
        """Full-text search over articles, best first: (document id, doc key, title, snippet). Word forms,
        OR, "phrases" and prefix* mean the same on SQLite and PostgreSQL, and a hyphenated designation
        ("S-400") is one word, matched against each article's designations (see designation_terms)."""
        with self.engine.connect() as connection:
            if self.engine.dialect.name == "sqlite":
                rows = connection.execute(
                    text(
                        "SELECT d.id, d.doc_key, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) "
                        "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                        "WHERE documents_fts MATCH :q ORDER BY rank, d.id LIMIT :n"
                    ),
                    {"q": fts_query(query), "n": limit},
                )
            else:
                tsquery = ts_query(query)
                if not tsquery:
                    return []
                # the expression of the GIN index (migration 0005), so the index serves the match
                vector = f"to_tsvector('english', {FULLTEXT_DOCUMENT})"
                rows = connection.execute(
                    text(
                        "SELECT d.id, d.doc_key, d.title, ts_headline('english', d.text, "
                        "to_tsquery('english', :q), 'MaxWords=24, MinWords=8') "
                        f"FROM documents d WHERE {vector} @@ to_tsquery('english', :q) "
                        f"ORDER BY ts_rank({vector}, to_tsquery('english', :q)) DESC, d.id LIMIT :n"
                    ),
                    {"q": tsquery, "n": limit},
                )
            return [(r[0], r[1], r[2], r[3]) for r in rows]


def upsert_ignoring(session: Session, table: Any) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING, in the dialect of the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')
# A hyphenated designation: letters first, then hyphen-joined parts, a digit somewhere ("S-400", "Su-30MK2",
# "F-16s", "MiG-29K"), with Unicode hyphens too. Hyphenated words without a digit ("anti-ship") are phrases.
DESIGNATION = re.compile(
    r"(?<![\w\-\u2010\u2011\u2013])[A-Za-z][A-Za-z0-9]*(?:[\-\u2010\u2011\u2013][A-Za-z0-9]+)+(?!\w)"
)
# The text PostgreSQL's full-text index covers (migration 0005): title, text and designations.
FULLTEXT_DOCUMENT = "coalesce(d.title, '') || ' ' || d.text || ' ' || coalesce(d.designations, '')"


def as_designation(word: str) -> str | None:
    """ "S-400" -> "s400", "F-16s" -> "f16": a hyphenated designation as the one word search indexes."""
    if DESIGNATION.fullmatch(word) and any(c.isdigit() for c in word):
        from armswatch.gazetteer import normalise_designation

        return normalise_designation(word) or None
    return None


def designation_terms(text_: str) -> str:
    """The designations an article names, each as one word, in first-seen order: "S-400s and F-16" ->
    "s400 f16". Stored beside the text and indexed, so "S-400" is searched as one word, not "S" then "400"
    (which "the U.S. 400 officers" has)."""
    seen: dict[str, None] = {}
    for match in DESIGNATION.finditer(text_):
        word = as_designation(match.group())
        if word:
            seen.setdefault(word, None)
    return " ".join(seen)


def query_terms(query: str) -> list[tuple[str, list[str], bool]]:
    """A search as its parts: ("OR", [], False) between terms, else (kind, words, prefix) with kind
    "phrase" for quoted words, "designation" for a hyphenated designation as one word ("S-400" -> "s400"),
    "name" for another hyphenated word ("anti-ship", searched as a phrase) and "word" for one word; a word
    ending in * is a prefix."""
    parts: list[tuple[str, list[str], bool]] = []
    for phrase, word in QUERY_PART.findall(query):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if as_designation(phrase.strip()):  # "S-400" in quotes is the one word too
                parts.append(("designation", [as_designation(phrase.strip()) or ""], False))
            elif words:
                parts.append(("phrase", words, False))
        elif word == "OR":
            if parts and parts[-1][0] != "OR":
                parts.append(("OR", [], False))
        else:
            designation = as_designation(word.strip("*\"'()[]{}.,;:!?"))
            words = re.findall(r"\w+", word)
            if designation:
                parts.append(("designation", [designation], word.endswith("*")))
            elif len(words) > 1:
                parts.append(("name", words, False))  # "anti-ship": its parts, in order
            elif words:
                parts.append(("word", words, word.endswith("*")))
    while parts and parts[-1][0] == "OR":
        parts.pop()
    while parts and parts[0][0] == "OR":
        parts.pop(0)
    return parts


def fts_query(query: str) -> str:
    """A search as an FTS5 query: quoted terms (no operator injection), "phrases", prefix* and OR."""
    out: list[str] = []
    for kind, words, prefix in query_terms(query):
        if kind == "OR":
            out.append("OR")
        else:
            out.append('"' + " ".join(words) + '"' + ("*" if prefix else ""))
    return " ".join(out) or '""'


def ts_query(query: str) -> str:
    """A search as a PostgreSQL tsquery (english): words ANDed, "phrases" and hyphenated words as <->,
    prefix:*, OR as |."""
    out: list[str] = []
    for kind, words, prefix in query_terms(query):
        if kind == "OR":
            out.append("|")
            continue
        if out and out[-1] != "|":
            out.append("&")
        if kind in ("phrase", "name"):
            out.append("(" + " <-> ".join(words) + ")")
        else:
            out.append(words[0] + (":*" if prefix else ""))
    return " ".join(out)
