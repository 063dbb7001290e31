"""The register set beside the SIPRI trade register: read a SIPRI export (streamed, Latin-1 or UTF-8,
preamble and all), match its rows to our transfer cases by the pair of states, the designation and the
years, and say what both have (with where they differ), what only the news has, and what only SIPRI has."""

from __future__ import annotations

import csv
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from rapidfuzz import fuzz
from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session

from armswatch.gazetteer import Gazetteer, load_gazetteer, normalise_designation
from armswatch.ontology import DataError, read_data
from armswatch.store import CaseRow, SipriRecordRow, SipriUploadRow

UNKNOWN = "unknown"
# How far apart our year of order and SIPRI's may be and still be one deal (issue 15: within two years).
YEAR_SLACK = 2
# The least rapidfuzz ratio of two normalised designations that are not the same catalog system.
FUZZY_FLOOR = 90
# A SIPRI armed group: "Houthi rebels (Yemen)*"; an international organisation: "NATO**".
GROUP_NAME = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<country>[^()]+)\))?\s*(?P<stars>\*{1,2})$")


class SipriFileError(Exception):
    """A file that cannot be read as a SIPRI trade register at all (the message names the file and line)."""


@dataclass(frozen=True)
class SipriRow:
    """One row of a SIPRI trade register, as written, with the identities of its two sides."""

    line: int
    recipient: str
    supplier: str
    recipient_key: str
    supplier_key: str
    designation: str
    description: str
    year_of_order: int | None
    year_of_order_uncertain: bool
    number_ordered: int | None
    number_ordered_uncertain: bool
    number_delivered: int | None
    number_delivered_uncertain: bool
    years_of_delivery: tuple[int, ...]
    status: str
    comments: str

    def public(self) -> dict[str, Any]:
        """The row as the reconciliation's JSON shows it."""
        return {
            "recipient": self.recipient,
            "supplier": self.supplier,
            "designation": self.designation,
            "description": self.description,
            "year_of_order": self.year_of_order,
            "number_ordered": self.number_ordered,
            "number_delivered": self.number_delivered,
            "years_of_delivery": list(self.years_of_delivery),
            "status": self.status,
            "comments": self.comments,
            "line": self.line,
        }

    def stored(self) -> dict[str, Any]:
        out = asdict(self)
        out["years_of_delivery"] = list(self.years_of_delivery)
        return out

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> SipriRow:
        return cls(**{**data, "years_of_delivery": tuple(data.get("years_of_delivery") or ())})


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be read: its line and why."""

    line: int
    message: str


@dataclass
class SipriFile:
    """What a read SIPRI file holds: its rows, and the rows that could not be read."""

    rows: list[SipriRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


# ---- names ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SipriLayout:
    """sipri.yaml, checked: SIPRI's columns, statuses, and the names it writes that we read otherwise."""

    columns: tuple[str, ...]
    statuses: frozenset[str]
    preamble_lines: int
    unknown: frozenset[str]
    states: dict[str, str]
    historical: dict[str, str]
    description_categories: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def load_layout() -> SipriLayout:
    raw = read_data("sipri.yaml")
    try:
        columns = tuple(str(c) for c in raw["columns"])
        layout = SipriLayout(
            columns=columns,
            statuses=frozenset(str(s) for s in raw["statuses"]),
            preamble_lines=int(raw["preamble_lines"]),
            unknown=frozenset(str(s).lower() for s in raw["unknown"]),
            states={str(k).lower(): str(v) for k, v in (raw.get("states") or {}).items()},
            historical={str(k).lower(): str(v) for k, v in (raw.get("historical") or {}).items()},
            description_categories=tuple((str(w), str(c)) for w, c in raw["description_categories"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"sipri.yaml: malformed ({exc})") from exc
    if len(columns) != 16 or columns[0] != "Recipient":
        raise DataError("sipri.yaml: columns must be SIPRI's 16 header names, Recipient first")
    return layout


def actor_key(name: str | None, gaz: Gazetteer | None = None) -> str | None:
    """The identity one side of a deal stands for, the same for our register's names and SIPRI's: an ISO3
    code for a state ("Turkiye", "Turkey" -> TUR), "hist:SUN" for a state that no longer exists,
    "armed_group:Houthis" for a catalogued group, "unknown" for an unknown side; None if the name is not
    known."""
    layout = load_layout()
    gaz = gaz or load_gazetteer()
    text = (name or "").strip()
    lowered = text.lower()
    if not text or lowered in layout.unknown:
        return UNKNOWN
    if lowered in layout.historical:
        return f"hist:{layout.historical[lowered]}"
    if lowered in layout.states:
        return layout.states[lowered]
    if lowered in gaz.state_words:
        return gaz.state_words[lowered]
    marked = GROUP_NAME.match(text)
    if marked:
        bare = marked["name"].strip()
        known = _named(gaz, bare)
        if known:
            return known
        where = actor_key(marked["country"], gaz) if marked["country"] else None
        kind = "org" if marked["stars"] == "**" else "group"
        return f"{kind}:{bare.lower()}" + (f"|{where}" if where else "")
    return _named(gaz, text)


def _named(gaz: Gazetteer, text: str) -> str | None:
    """A catalogued armed group, organisation or company by name or alias ("Houthi rebels" tries
    "Houthi rebels", then "Houthis")."""
    lowered = text.lower()
    for etype in ("armed_group", "organization", "company"):
        names = gaz.names_by_type.get(etype, {})
        key = names.get(lowered) or names.get(lowered.removesuffix(" rebels") + "s")
        if key:
            return key
    return None


# ---- reading a SIPRI file -------------------------------------------------------------------------------


def decoded_lines(stream: IO[bytes]) -> Iterator[str]:
    """The file's lines as text, one at a time: UTF-8 where a line is valid UTF-8, else Latin-1 (SIPRI's
    exports are Latin-1; a file saved again by a spreadsheet may be UTF-8, with or without a BOM)."""
    first = True
    for raw in stream:
        if first:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
            first = False
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield raw.decode("latin-1")


def _header_problem(found: list[str], expected: tuple[str, ...]) -> str:
    names = [c.strip() for c in found]
    wanted = [c.strip() for c in expected]
    missing = [c for c in wanted if c and c not in names]
    if missing:
        return "missing column" + ("s " if len(missing) > 1 else " ") + ", ".join(f"'{c}'" for c in missing)
    for i, (got, want) in enumerate(zip(names, wanted, strict=False)):
        if got != want:
            return f"column {i + 1} is '{got or '(blank)'}' where SIPRI has '{want or '(blank)'}'"
    return f"{len(names)} columns where SIPRI has {len(wanted)}"


def read_sipri(path: Path) -> SipriFile:
    """Every row of a SIPRI trade-register file, read at once (for small files and tests; reconcile streams
    iter_sipri instead)."""
    result = SipriFile()
    for item in iter_sipri(path):
        if isinstance(item, SipriRow):
            result.rows.append(item)
        else:
            result.problems.append(item)
    return result


def iter_sipri(path: Path) -> Iterator[SipriRow | RowProblem]:
    """The rows of a SIPRI file one at a time (a row that cannot be read as a RowProblem)."""
    layout = load_layout()
    gaz = load_gazetteer()
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise SipriFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    with stream:
        reader = csv.reader(decoded_lines(stream), strict=True)
        header_at = _find_header(reader, path, layout)
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield RowProblem(start, f"not readable as CSV ({exc}); the file may be cut off")
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(layout.columns):
                cut = " (the file may be cut off)" if len(cells) < len(layout.columns) else ""
                yield RowProblem(
                    start, f"{len(cells)} columns where the header (line {header_at}) has 16{cut}"
                )
                continue
            yield _row(start, cells, layout, gaz)


def _find_header(reader: Any, path: Path, layout: SipriLayout) -> int:
    """Skip SIPRI's preamble; the header's line. Raises SipriFileError if none, or if its columns differ."""
    for _ in range(layout.preamble_lines):
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise SipriFileError(f"{path}: line {reader.line_num}: not readable as CSV ({exc})") from exc
        if cells and cells[0].strip() == "Recipient":
            if [c.strip() for c in cells] != [c.strip() for c in layout.columns]:
                problem = _header_problem(cells, layout.columns)
                raise SipriFileError(
                    f"{path}: line {reader.line_num}: not SIPRI's trade-register header: {problem}"
                )
            return int(reader.line_num)
    raise SipriFileError(
        f"{path}: not a SIPRI trade register: no header row (Recipient,Supplier,Year of order,...) in "
        f"the first {layout.preamble_lines} lines"
    )


class _BadCell(ValueError):
    pass


def _number(value: str, column: str) -> int | None:
    text = value.strip().strip("()").replace(",", "")
    if not text:
        return None
    if not text.isdigit():
        raise _BadCell(f"{column} '{value.strip()}' is not a whole number")
    return int(text)


def _year(value: str, column: str) -> int | None:
    year = _number(value, column)
    if year is not None and not 1900 <= year <= 2100:
        raise _BadCell(f"{column} '{value.strip()}' is not a year")
    return year


def _row(line: int, cells: list[str], layout: SipriLayout, gaz: Gazetteer) -> SipriRow | RowProblem:
    recipient, supplier = cells[0].strip(), cells[1].strip()
    keys = []
    for side, name in (("recipient", recipient), ("supplier", supplier)):
        key = actor_key(name, gaz)
        if key is None:
            return RowProblem(line, f"unknown {side} '{name}'")
        keys.append(key)
    try:
        years = tuple(
            sorted({y for part in re.split(r"[;,]", cells[10]) if (y := _year(part, "Year(s) of delivery"))})
        )
        status = cells[11].strip()
        if status and status not in layout.statuses:
            raise _BadCell(f"status '{status}' is none of {', '.join(sorted(layout.statuses))}")
        return SipriRow(
            line=line,
            recipient=recipient,
            supplier=supplier,
            recipient_key=keys[0],
            supplier_key=keys[1],
            designation=cells[6].strip(),
            description=cells[7].strip(),
            year_of_order=_year(cells[2], "Year of order"),
            year_of_order_uncertain=cells[3].strip() == "?",
            number_ordered=_number(cells[4], "Number ordered"),
            number_ordered_uncertain=cells[5].strip() == "?",
            number_delivered=_number(cells[8], "Number delivered"),
            number_delivered_uncertain=cells[9].strip() == "?",
            years_of_delivery=years,
            status=status,
            comments=cells[12].strip(),
        )
    except _BadCell as exc:
        return RowProblem(line, str(exc))


# ---- matching -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseSide:
    """What matching needs of one register case (a transfer)."""

    case: int
    supplier_key: str
    recipient_key: str
    item: str
    designation: str  # the item normalised as a designation ("su57")
    category: str | None
    system: str | None  # the catalog system the item names
    order_year: int | None
    delivery_years: frozenset[int]
    reported_years: tuple[int, int] | None


def _year_of(value: Any) -> int | None:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


# A register has many cases of few distinct names and items: each is looked up once (the gazetteer they
# read is itself loaded once per process).
@lru_cache(maxsize=50_000)
def side_key(name: str | None) -> str:
    """The identity of a register side; a name nothing knows stands for itself."""
    return actor_key(name) or f"name:{str(name).strip().lower()}"


@lru_cache(maxsize=50_000)
def system_key(item: str) -> str | None:
    """The catalog system an item phrase names, if any."""
    entry = load_gazetteer().weapon_in_text(item) if item else None
    return entry.system if entry else None


@lru_cache(maxsize=50_000)
def normalised(item: str) -> str:
    return normalise_designation(item)


def case_side(row: dict[str, Any]) -> CaseSide:
    """A register row as matching sees it."""
    item = str(row.get("item") or "")
    first, last = _year_of(row.get("first_reported")), _year_of(row.get("last_reported"))
    return CaseSide(
        case=int(row["case"]),
        supplier_key=side_key(row.get("supplier")),
        recipient_key=side_key(row.get("recipient")),
        item=item,
        designation=normalised(item),
        category=row.get("category"),
        system=system_key(item),
        order_year=_year_of(row.get("order_date")),
        delivery_years=frozenset(y for d in row.get("delivery_dates") or [] if (y := _year_of(d))),
        reported_years=(first, last or first) if first else None,
    )


class Designations:
    """A SIPRI designation's catalog system and normalised forms, worked out once per distinct text."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.layout = load_layout()

    @lru_cache(maxsize=100_000)  # noqa: B019 - one instance per reconciliation
    def system(self, designation: str) -> str | None:
        entry = self.gaz.weapon_in_text(designation) if designation else None
        return entry.system if entry else None

    @lru_cache(maxsize=100_000)  # noqa: B019
    def category(self, designation: str, description: str) -> str | None:
        key = self.system(designation)
        if key:
            return self.gaz.entries[key].category
        words = description.lower()
        for word, category in self.layout.description_categories:
            if re.search(rf"\b{re.escape(word.lower())}\b", words):
                return category
        return None


@dataclass(frozen=True)
class Candidate:
    """A SIPRI row with what matching compares, worked out once: its catalog system, its designation
    normalised, and its kind of weapon."""

    row: SipriRow
    system: str | None
    designation: str
    category: str | None


def designation_score(case: CaseSide, candidate: Candidate) -> int:
    """How surely the case's item is the row's designation: 3 the same catalog system, 2 the same
    designation once hyphens, spaces and case are gone (or a rapidfuzz ratio >= FUZZY_FLOOR), 1 only the
    same kind of weapon for an item the catalog does not know ("patrol boats"), 0 different."""
    if case.system and candidate.system:
        return 3 if case.system == candidate.system else 0
    ours, theirs = case.designation, candidate.designation
    if ours and theirs and (ours == theirs or fuzz.ratio(ours, theirs) >= FUZZY_FLOOR):
        return 2
    if case.system is None and case.category and case.category == candidate.category:
        return 1
    return 0


def years_agree(case: CaseSide, row: SipriRow) -> bool:
    """An order year within YEAR_SLACK of SIPRI's, or delivery years in common; a case with neither is
    placed by when it was reported (from two years before SIPRI's order to two after its last delivery)."""
    orders = (case.order_year, row.year_of_order)
    if orders[0] is not None and orders[1] is not None and abs(orders[0] - orders[1]) <= YEAR_SLACK:
        return True
    if case.delivery_years and row.years_of_delivery and case.delivery_years & set(row.years_of_delivery):
        return True
    if case.order_year is not None or case.delivery_years:
        return row.year_of_order is None and not row.years_of_delivery
    sipri_years = [y for y in (row.year_of_order, *row.years_of_delivery) if y is not None]
    if not sipri_years or case.reported_years is None:
        return True
    first, last = case.reported_years
    return first <= max(sipri_years) + YEAR_SLACK and last >= min(sipri_years) - YEAR_SLACK


def best_row(case: CaseSide, candidates: Iterable[Candidate]) -> SipriRow | None:
    """The SIPRI row the case is: the surest designation, then the nearest order year, then the earliest
    line. A row known only by its kind of weapon counts only when it is the one such row of the pair."""
    scored = []
    for candidate in candidates:
        score = designation_score(case, candidate)
        row = candidate.row
        if score and years_agree(case, row):
            distance = abs((case.order_year or 0) - (row.year_of_order or 0)) if case.order_year else 0
            scored.append((-score, distance, row.line, row))
    if not scored:
        return None
    scored.sort(key=lambda item: item[:3])
    best = scored[0]
    if -best[0] == 1 and sum(1 for s in scored if s[0] == -1) > 1:
        return None  # "patrol boats" and two SIPRI rows of patrol craft: which one is not ours to guess
    return best[3]


def differences(row: dict[str, Any], case: CaseSide, sipri: SipriRow) -> list[dict[str, Any]]:
    """Where the register and SIPRI say different things of one deal: year of order, numbers, delivery
    years we report that SIPRI does not list, and the stage."""
    out: list[dict[str, Any]] = []

    def differ(name: str, ours: Any, theirs: Any) -> None:
        if ours is not None and theirs is not None and ours != theirs:
            out.append({"field": name, "ours": ours, "sipri": theirs})

    status, quantity = row.get("status"), row.get("quantity")
    differ("year_of_order", case.order_year, sipri.year_of_order)
    # a delivery's number is what arrived, which may be part of what was ordered
    differ("number_ordered", quantity if status == "order" else None, sipri.number_ordered)
    differ("number_delivered", quantity if status == "delivery" else None, sipri.number_delivered)
    extra = sorted(case.delivery_years - set(sipri.years_of_delivery))
    if extra and sipri.years_of_delivery:
        out.append({"field": "years_of_delivery", "ours": extra, "sipri": list(sipri.years_of_delivery)})
    delivered = bool(sipri.years_of_delivery) or bool(sipri.number_delivered)
    if status == "delivery" and not delivered:
        out.append({"field": "status", "ours": "delivery", "sipri": "no delivery recorded"})
    elif status in ("intent", "offer", "negotiation") and sipri.year_of_order is not None:
        out.append({"field": "status", "ours": status, "sipri": f"ordered {sipri.year_of_order}"})
    return out


@dataclass
class Reconciliation:
    sipri_rows: int
    cases: int
    matched: list[dict[str, Any]]
    news_only: list[dict[str, Any]]
    sipri_only: list[dict[str, Any]]
    unreadable: list[RowProblem]

    def to_dict(self, *, verbose: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sipri_rows": self.sipri_rows,
            "cases": self.cases,
            "matched": self.matched,
            "news_only": self.news_only,
            "sipri_only": self.sipri_only,
            "unreadable_rows": len(self.unreadable),
        }
        if verbose:
            out["unreadable"] = [asdict(p) for p in self.unreadable]
        return out


class SipriIndex:
    """SIPRI rows by the pair of sides (recipient, supplier), so each case meets only its own pair's rows."""

    def __init__(self, rows: Iterable[SipriRow]) -> None:
        names = Designations(load_gazetteer())
        self.by_pair: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        for row in rows:
            candidate = Candidate(
                row,
                names.system(row.designation),
                normalise_designation(row.designation),
                names.category(row.designation, row.description),
            )
            self.by_pair[(row.recipient_key, row.supplier_key)].append(candidate)

    def match(self, case: CaseSide) -> SipriRow | None:
        return best_row(case, self.by_pair.get((case.recipient_key, case.supplier_key), ()))


def news_only_entry(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "case": row["case"],
        "supplier": row.get("supplier"),
        "recipient": row.get("recipient"),
        "item": row.get("item"),
        "status": row.get("status"),
        "first_reported": row.get("first_reported"),
    }


def reconcile(
    register_rows: Iterable[dict[str, Any]],
    sipri: Iterable[SipriRow | RowProblem],
    *,
    since: int | None = None,
) -> Reconciliation:
    """Match transfer cases (register rows) to SIPRI rows (streamed: only the rows of pairs the register
    covers are kept). Each case takes its best row; several cases may take one row (one deal our fusion
    split). SIPRI-only rows are the unmatched ones of the pairs our register covers, within the years it
    covers for that pair. With since, cases and rows whose latest year is before it are left out."""
    sides: list[tuple[dict[str, Any], CaseSide]] = []
    span: dict[tuple[str, str], list[int]] = {}
    for row in register_rows:
        case = case_side(row)
        years = [y for y in (case.order_year, *case.delivery_years, *(case.reported_years or ())) if y]
        if since is not None and years and max(years) < since:
            continue
        sides.append((row, case))
        pair = (case.recipient_key, case.supplier_key)
        low, high = span.get(pair) or [min(years, default=0), max(years, default=0)]
        span[pair] = [min(low, *years), max(high, *years)] if years else [low, high]
    kept, problems, total = [], [], 0
    for item in sipri:
        if isinstance(item, RowProblem):
            problems.append(item)
            continue
        latest = _row_year(item)
        if since is not None and latest is not None and latest < since:
            continue
        total += 1
        if (item.recipient_key, item.supplier_key) in span:
            kept.append(item)
    index = SipriIndex(kept)
    matched, news_only, taken = [], [], set()
    for row, case in sides:
        hit = index.match(case)
        if hit is None:
            news_only.append(news_only_entry(row))
            continue
        taken.add(hit.line)
        matched.append({"case": case.case, "sipri": hit.public(), "differences": differences(row, case, hit)})
    sipri_only = []
    for found in kept:
        if found.line in taken:
            continue
        low, high = span[(found.recipient_key, found.supplier_key)]
        years = [y for y in (found.year_of_order, *found.years_of_delivery) if y is not None]
        if high and years and not any(low - YEAR_SLACK <= y <= high + YEAR_SLACK for y in years):
            continue  # the pair's history outside the years our register covers
        sipri_only.append(
            {
                "recipient": found.recipient,
                "supplier": found.supplier,
                "designation": found.designation,
                "year_of_order": found.year_of_order,
                "line": found.line,
            }
        )
    return Reconciliation(total, len(sides), matched, news_only, sipri_only, problems)


def _row_year(row: SipriRow) -> int | None:
    years = [y for y in (row.year_of_order, *row.years_of_delivery) if y is not None]
    return max(years) if years else None


# ---- the register's side --------------------------------------------------------------------------------

TRANSFER_COLUMNS = (
    "id",
    "supplier",
    "recipient",
    "item",
    "category",
    "quantity",
    "status",
    "order_date",
    "delivery_dates",
    "first_reported",
    "last_reported",
)


def transfer_row(values: dict[str, Any]) -> dict[str, Any]:
    """TRANSFER_COLUMNS' values of a case as the register row matching reads ("case" for its id)."""
    data = dict(values)
    data["case"] = data.pop("id")
    data["delivery_dates"] = list(data["delivery_dates"] or [])
    return data


def transfer_cases(
    session: Session, ids: Iterable[int] | None = None, batch: int = 5_000
) -> Iterator[dict[str, Any]]:
    """Every transfer case (or those of ids) as a register row with what matching reads, in batches (never
    the register's source lists, which matching does not need)."""
    columns = [getattr(CaseRow, name) for name in TRANSFER_COLUMNS]
    query = select(*columns).where(CaseRow.type == "transfer").order_by(CaseRow.id)
    if ids is not None:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):  # bounded IN lists
            chunk = query.where(CaseRow.id.in_(wanted[start : start + 500]))
            for row in session.execute(chunk):
                yield transfer_row(dict(zip(TRANSFER_COLUMNS, row, strict=True)))
        return
    for row in session.execute(query.execution_options(yield_per=batch)):
        yield transfer_row(dict(zip(TRANSFER_COLUMNS, row, strict=True)))


def reconcile_file(session: Session, path: Path, *, since: int | None = None) -> Reconciliation:
    """The register in the session reconciled with the SIPRI file at path (streamed)."""
    return reconcile(transfer_cases(session), iter_sipri(path), since=since)


# ---- a SIPRI register kept in the database, for the web app ----------------------------------------------

KEEP_BATCH = 1_000
KEPT_PROBLEMS = 1_000  # the unreadable rows an upload keeps to show (all are counted)


def keep_sipri_rows(
    session: Session, path: Path, *, by: str | None, filename: str | None = None
) -> SipriUploadRow:
    """Store the SIPRI file's rows (streamed, in batches) in place of any kept before; the upload row says
    how many rows were read and which could not be. Raises SipriFileError before anything is replaced."""
    items = iter_sipri(path)
    first = next(items, None)  # the header is checked here: a wrong file replaces nothing
    session.execute(delete(SipriUploadRow))
    upload = SipriUploadRow(
        filename=(filename or path.name)[:255], uploaded_at=datetime.now(UTC), uploaded_by=by, rows=0
    )
    session.add(upload)
    session.flush()
    problems: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []
    for item in itertools.chain([first] if first is not None else [], items):
        if isinstance(item, RowProblem):
            if len(problems) < KEPT_PROBLEMS:
                problems.append(asdict(item))
            continue
        upload.rows += 1
        batch.append(
            {
                "upload_id": upload.id,
                "recipient_key": item.recipient_key,
                "supplier_key": item.supplier_key,
                "data": item.stored(),
            }
        )
        if len(batch) >= KEEP_BATCH:
            session.execute(insert(SipriRecordRow), batch)
            batch = []
    if batch:
        session.execute(insert(SipriRecordRow), batch)
    upload.unreadable = problems
    session.commit()
    return upload


def kept_upload(session: Session) -> SipriUploadRow | None:
    return session.scalars(select(SipriUploadRow).order_by(SipriUploadRow.id.desc()).limit(1)).first()


def kept_rows(session: Session, pairs: Iterable[tuple[str, str]] | None = None) -> list[SipriRow]:
    """The kept SIPRI rows, all or those of the given (recipient, supplier) pairs."""
    query = select(SipriRecordRow.data).order_by(SipriRecordRow.id)
    if pairs is not None:
        wanted = sorted(set(pairs))
        if not wanted:
            return []
        query = query.where(
            or_(
                *(
                    and_(SipriRecordRow.recipient_key == r, SipriRecordRow.supplier_key == s)
                    for r, s in wanted
                )
            )
        )
    return [SipriRow.from_stored(data) for data in session.scalars(query)]


def sipri_badges(session: Session, register_rows: list[dict[str, Any]]) -> dict[int, dict[str, Any] | None]:
    """For register rows (a page of them), each transfer case's SIPRI row (its public values), or None
    where SIPRI has no such deal; empty when no SIPRI register is kept (no badge either way then)."""
    if kept_upload(session) is None:
        return {}
    sides = [case_side(r) for r in register_rows if r.get("type", "transfer") == "transfer"]
    index = SipriIndex(kept_rows(session, {(c.recipient_key, c.supplier_key) for c in sides}))
    out: dict[int, dict[str, Any] | None] = {}
    for case in sides:
        hit = index.match(case)
        out[case.case] = hit.public() if hit else None
    return out


def case_sipri(session: Session, case: CaseRow) -> dict[str, Any] | None:
    """A transfer case beside the kept SIPRI register: {"sipri": SIPRI's row or None, "differences"}; None
    when no SIPRI register is kept."""
    if kept_upload(session) is None:
        return None
    row = transfer_row({name: getattr(case, name) for name in TRANSFER_COLUMNS})
    side = case_side(row)
    hit = SipriIndex(kept_rows(session, [(side.recipient_key, side.supplier_key)])).match(side)
    if hit is None:
        return {"sipri": None, "differences": []}
    return {"sipri": hit.public(), "differences": differences(row, side, hit)}


def kept_reconciliation(session: Session) -> Reconciliation | None:
    """The register reconciled with the kept SIPRI register, or None if none is kept."""
    upload = kept_upload(session)
    if upload is None:
        return None
    problems = [RowProblem(int(p["line"]), str(p["message"])) for p in upload.unreadable or []]
    return reconcile(transfer_cases(session), itertools.chain(kept_rows(session), problems))


# ---- output ---------------------------------------------------------------------------------------------

# One flat table for csv and the terminal: which list a line is in, the case, and SIPRI's row.
FLAT_COLUMNS = (
    "list",
    "case",
    "supplier",
    "recipient",
    "item",
    "status",
    "first_reported",
    "sipri_line",
    "sipri_designation",
    "sipri_year_of_order",
    "sipri_number_ordered",
    "sipri_number_delivered",
    "sipri_years_of_delivery",
    "differences",
)


def flat_rows(result: Reconciliation, register_rows: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """The three lists as one table: matched (with SIPRI's values and the differences), news only, SIPRI
    only (register_rows gives the matched cases' own values)."""
    out = []
    for match in result.matched:
        sipri, ours = match["sipri"], register_rows.get(match["case"], {})
        out.append(
            {
                "list": "matched",
                **{k: ours.get(k) for k in ("supplier", "recipient", "item", "status", "first_reported")},
                "case": match["case"],
                "sipri_line": sipri["line"],
                "sipri_designation": sipri["designation"],
                "sipri_year_of_order": sipri["year_of_order"],
                "sipri_number_ordered": sipri["number_ordered"],
                "sipri_number_delivered": sipri["number_delivered"],
                "sipri_years_of_delivery": "; ".join(map(str, sipri["years_of_delivery"])),
                "differences": "; ".join(difference_text(d) for d in match["differences"]),
            }
        )
    out.extend({"list": "news_only", **entry} for entry in result.news_only)
    for entry in result.sipri_only:
        out.append(
            {
                "list": "sipri_only",
                "supplier": entry["supplier"],
                "recipient": entry["recipient"],
                "sipri_line": entry["line"],
                "sipri_designation": entry["designation"],
                "sipri_year_of_order": entry["year_of_order"],
            }
        )
    return out


def difference_text(difference: dict[str, Any]) -> str:
    """ "number_ordered: ours 24, SIPRI 20"."""

    def shown(value: Any) -> str:
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)

    return f"{difference['field']}: ours {shown(difference['ours'])}, SIPRI {shown(difference['sipri'])}"
