"""Server-rendered pages: the register, cases, articles with their evidence highlighted, actors, the
supplier -> recipient network, search and the submit form. Jinja2 templates with autoescape on; every
asset is vendored under /static."""

from __future__ import annotations

import io
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import ValidationError
from sqlalchemy.orm import Session

from armswatch.cite import citation
from armswatch.export import export_columns, export_filename, typed_rows, write_rows_csv, write_sources_csv
from armswatch.ontology import load_ontology
from armswatch.query import (
    EVIDENCE_COLUMNS,
    REGISTER_SORTS,
    RegisterFilters,
    RegisterParams,
    actor_cases,
    case_detail,
    case_reports,
    confidence_problem,
    document_events,
    document_mentions,
    entity_alias_list,
    evidence_rows,
    find_entities,
    near_actor_names,
    network_edges,
    period_problem,
    preferred_entities,
    register_dict,
    register_page,
    register_value_problem,
    search_entities,
    search_results,
    source_name,
    timeline,
    undated_counts,
)
from armswatch.reconcile import case_sipri, difference_text, sipri_badges
from armswatch.review import audit_entries
from armswatch.store import CaseRow, DocumentRow, EntityRow, Store
from armswatch.users import User, login_cookie
from armswatch.web.deps import (
    READ_COOKIE,
    current_user,
    form_token,
    get_session,
    get_store,
    read_allowed,
    read_cookie_value,
    run_read,
    token_holder,
    token_required,
    writes_configured,
    writes_enabled,
)
from armswatch.web.submit import SubmittedDocument, submit_article


async def require_page_read(request: Request, user: User | None = Depends(current_user)) -> None:
    """As the API's require_read, but a browser (a client asking for HTML) with no login is sent to the login
    page; other clients get the API's 401."""
    if not read_allowed(request, user):
        if "text/html" not in request.headers.get("accept", ""):
            raise token_required()
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise HTTPException(
            303, "log in to read", headers={"Location": "/login?" + urlencode({"next": target})}
        )


router = APIRouter(dependencies=[Depends(require_page_read)], include_in_schema=False)
login_router = APIRouter(include_in_schema=False)  # reachable without a login

templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.PackageLoader("armswatch.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)

# Scripts only from /static: even an escaping slip could not run an injected inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
HL_RE = re.compile(r"^(\d{1,9})-(\d{1,9})$")
PAGE_SIZES = (25, 50, 100, 200)
STATUSES = ("intent", "offer", "order", "delivery")
# Who the two actor columns of a case are, by case type (fuse.py stores them as supplier and recipient).
ACTOR_LABELS = {
    "transfer": ("Supplier", "Recipient"),
    "financing": ("Provider", "Beneficiary"),
    "deployment": ("Sender", "Destination"),
    "combat_use": ("User", "Target"),
}


# ---- helpers shared by the templates -----------------------------------------------------------------------


def usd(value: float | None) -> str:
    """$1.2B, $30M, $450,000: a register-friendly dollar figure."""
    if value is None:
        return ""
    if abs(value) >= 1e9:
        return f"${value / 1e9:,.1f}B"
    if abs(value) >= 1e6:
        return f"${value / 1e6:,.1f}M"
    return f"${value:,.0f}"


def qs(params: Mapping[str, Any], **changes: Any) -> str:
    """The query string of `params` with `changes` applied; empty values are left out."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


def evidence_link(document_id: int, start: int, end: int, text: str | None = None) -> str:
    """The article page with one evidence sentence highlighted (trailing whitespace trimmed)."""
    if text is not None:
        end = start + len(text.rstrip())
    return f"/documents/{document_id}?hl={start}-{end}#ev-{start}"


def actor_link(name: str | None) -> str:
    return "/actors?" + urlencode({"name": name or ""})


def external_url(url: str | None) -> str | None:
    """An article's original URL, only when it is http(s): a javascript: URL never becomes a link."""
    return url if url and re.match(r"^https?://", url, re.IGNORECASE) else None


templates.env.filters["usd"] = usd
templates.env.globals.update(
    qs=qs, evidence_link=evidence_link, actor_link=actor_link, external_url=external_url
)


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """A template as an HTML response with a strict Content-Security-Policy."""
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def not_found(request: Request, message: str) -> Response:
    return render(request, "error.html", {"title": "Not found", "message": message}, 404)


def error_page(request: Request, status_code: int, message: str) -> Response:
    """An HTML page for a page URL that went wrong (unknown path, malformed parameter), with a way back."""
    titles = {403: "Not allowed", 404: "Not found", 405: "Not allowed", 422: "Cannot read this address"}
    title = titles.get(status_code, "Something went wrong")
    return render(request, "error.html", {"title": title, "message": message}, status_code)


# ---- highlighting: the article text sliced at span offsets, every piece escaped ---------------------------


@dataclass(frozen=True)
class Span:
    """A marked range of the text. Lower layers wrap higher ones; within a layer, longer spans wrap."""

    start: int
    end: int
    layer: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    anchor: str | None = None  # an id, given only to the span's first fragment, and only once per page


def _open_tag(span: Span, tag: str, anchor: str | None) -> Markup:
    attrs = [(k, v) for k, v in span.attrs if tag == "a" or k != "href"]
    if anchor:
        attrs.insert(0, ("id", anchor))
    rendered = Markup("").join(Markup(' {}="{}"').format(k, v) for k, v in attrs)
    return Markup("<{}{}>").format(Markup(tag), rendered)


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """The text as HTML with every span wrapped in its tag. Overlapping spans that do not nest are split
    into fragments, so the markup is always well formed; a link never opens inside another link."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    order = {s: (s.layer, s.start, -s.end, i) for i, s in enumerate(valid)}
    starts: dict[int, list[Span]] = defaultdict(list)
    for span in valid:
        starts[span.start].append(span)
    bounds = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out: list[Markup] = []
    stack: list[tuple[Span, str]] = []
    used: set[str] = set()
    live: set[Span] = set()
    for left, right in itertools.pairwise(bounds):
        live = {s for s in live if s.end > left} | set(starts.get(left, ()))
        active = sorted(live, key=order.__getitem__)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep][0] == active[keep]:
            keep += 1
        for _span, tag in reversed(stack[keep:]):
            out.append(Markup("</{}>").format(Markup(tag)))
        del stack[keep:]
        for span in active[keep:]:
            tag = span.tag
            if tag == "a" and any(t == "a" for _, t in stack):
                tag = "span"
            anchor = span.anchor if span.anchor and span.start == left and span.anchor not in used else None
            if anchor:
                used.add(anchor)
            out.append(_open_tag(span, tag, anchor))
            stack.append((span, tag))
        out.append(escape(text[left:right]))
    for _span, tag in reversed(stack):
        out.append(Markup("</{}>").format(Markup(tag)))
    return Markup("").join(out)


def parse_hl(value: str | None, length: int) -> tuple[int, int] | None:
    match = HL_RE.match(value or "")
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if 0 <= start < end <= length else None


# ---- the register ------------------------------------------------------------------------------------------


@dataclass
class RegisterView:
    """The register's state, all from the query string: filters, sort, page; plus input problems."""

    form: dict[str, str] = field(default_factory=dict)
    params: RegisterParams = field(default_factory=lambda: RegisterParams.model_validate({}))
    page: int = 1
    errors: list[str] = field(default_factory=list)

    @property
    def link_params(self) -> dict[str, str]:
        """The state as query parameters (no page), for sort links, pagination and the CSV link."""
        return {k: v for k, v in self.form.items() if v and k != "page"}


FILTER_FIELDS = (
    "supplier",
    "recipient",
    "item",
    "category",
    "type",
    "status",
    "since",
    "until",
    "deal_since",
    "deal_until",
)


def parse_register(query: Mapping[str, str]) -> RegisterView:
    """Read the register state leniently: a bad value is reported on the page and ignored."""
    view = RegisterView()
    values: dict[str, Any] = {}
    for name in FILTER_FIELDS:
        raw = (query.get(name) or "").strip()[:200]
        if not raw:
            continue
        # the same check as the API's 422; the page shows one event type at a time, so never "all"
        problem = register_value_problem(name, raw, values.get("type", "transfer"))
        if name == "type" and raw == "all":
            problem = "type: this page shows one event type at a time (every type: the API or the CLI)"
        if problem:
            view.errors.append(problem)
            continue
        view.form[name] = raw
        values[name] = raw
    contested = (query.get("contested") or "").strip().lower()
    if contested in ("1", "true", "on", "yes"):
        view.form["contested"] = "true"
        values["contested"] = True
    elif contested not in ("", "0", "false", "off", "no"):
        view.errors.append(f"contested: {contested[:40]!r} is not a choice; true shows contested cases only")
    least = (query.get("min_confidence") or "").strip()[:40]
    if least:
        try:
            value = float(least)
        except ValueError:
            view.errors.append(f"min_confidence: {least!r} is not a number; write 0.5 for 50%")
        else:
            problem = confidence_problem(value)
            if problem:
                view.errors.append(problem)
            else:
                view.form["min_confidence"] = least
                values["min_confidence"] = value
    # "include undated" is on unless asked off; the form sends 0 then, with its checkbox, 1 (the last wins)
    undated = (query.get("undated") or "").strip().lower()
    if undated in ("0", "false", "off", "no"):
        view.form["undated"] = "0"
        values["undated"] = False
    elif undated not in ("", "1", "true", "on", "yes"):
        view.errors.append(f"undated: {undated[:40]!r} is not a choice; 1 includes undated cases, 0 hides")
    sort = query.get("sort") or ""
    if sort in REGISTER_SORTS:
        view.form["sort"] = sort
        values["sort"] = sort
    elif sort:
        columns = ", ".join(REGISTER_SORTS)
        view.errors.append(f"sort: no column {sort[:40]!r} to sort by; use one of {columns}")
    order = query.get("order") or ""
    if order in ("asc", "desc"):
        view.form["order"] = order
        values["order"] = order
    elif order:
        view.errors.append(f"order: {order[:40]!r} is not an order; use asc or desc")
    limit = query.get("limit") or ""
    if limit.isdigit() and int(limit) in PAGE_SIZES:
        view.form["limit"] = limit
        values["limit"] = int(limit)
    elif limit:
        sizes = ", ".join(map(str, PAGE_SIZES))
        view.errors.append(f"limit: {limit[:40]!r} cases per page is not offered; use one of {sizes}")
    page = (query.get("page") or "").strip()
    view.page = max(1, min(int(page), 100_000)) if page.isdigit() else 1
    if page and not (page.isdigit() and int(page) >= 1):
        view.errors.append(f"page: {page[:40]!r} is not a page number; showing page 1")
    for first, last in (("since", "until"), ("deal_since", "deal_until")):
        problem = period_problem(first, values.get(first), values.get(last))
        if problem:  # an empty range: report it and drop both ends rather than show nothing
            view.errors.append(problem)
            for name in (first, last):
                values.pop(name, None)
                view.form.pop(name, None)
    try:
        view.params = RegisterParams.model_validate(values)
        view.params.offset = (view.page - 1) * view.params.limit
    except ValidationError as exc:
        view.errors.append(f"filters ignored: {exc.errors()[0]['msg']}")
        view.params = RegisterParams.model_validate({})
    return view


def case_row(case: CaseRow) -> dict[str, Any]:
    """A register row plus what the page shows beyond the CSV columns."""
    return register_dict(case, extra=True)


@router.get("/", response_class=Response)
@router.get("/register", response_class=Response)
async def register_page_view(
    request: Request, session: Session = Depends(get_session), store: Store = Depends(get_store)
) -> Response:
    """The transfer register: filters, sortable columns, pagination, CSV download."""
    return await run_read(store, lambda: render_register(request, session))


def render_register(request: Request, session: Session) -> Response:
    view = parse_register(request.query_params)
    total, cases = register_page(session, view.params, extra=True)
    last = max(1, -(-total // view.params.limit))
    if view.page > last:  # a page past the end shows the last one, never "showing 49901–49900"
        view.page = last
        view.params.offset = (last - 1) * view.params.limit
        if total:  # (with no case at all, "No case matches" says it)
            pages_word = "1 page" if last == 1 else f"{last} pages"
            view.errors.append(f"page: these cases fill {pages_word}; showing page {last}, the last")
            total, cases = register_page(session, view.params, extra=True)
    suggestions = {}  # nothing found: the stored actors whose names look like the ones asked for
    if not total:
        for field in ("supplier", "recipient"):
            asked = getattr(view.params, field)
            near = near_actor_names(session, asked) if asked else []
            if near:
                suggestions[field] = near
    pages = max(1, -(-total // view.params.limit))
    ontology = load_ontology()
    undated = undated_counts(session, view.params.filters())
    return render(
        request,
        "register.html",
        {
            "title": "Register",
            "view": view,
            "params": view.params,
            "rows": cases,
            "total": total,
            "pages": pages,
            "categories": sorted(ontology.item_categories),
            "types": list(ontology.event_types),
            "statuses": ontology.event_types[view.params.type].statuses or STATUSES,
            "labels": ACTOR_LABELS.get(view.params.type),
            "page_sizes": PAGE_SIZES,
            "suggestions": suggestions,
            "undated": undated,
            "date_notes": date_notes(view.params, undated),
            "sipri": sipri_badges(session, cases) if view.params.type == "transfer" else {},
        },
    )


def date_notes(params: RegisterParams, undated: dict[str, int]) -> list[str]:
    """What the date filters do with the cases that lack their date: kept (include undated, the default)
    or hidden; said whenever there are such cases, so none vanish silently."""
    notes = []
    for kind, active in (
        ("deal", params.deal_since or params.deal_until),
        ("report", params.since or params.until),
    ):
        count = undated.get(kind, 0)
        if not active or not count:
            continue
        cases = f"{count} undated case{'' if count == 1 else 's'}"
        if params.undated:
            notes.append(
                f"{cases} (no {kind} date) {'is' if count == 1 else 'are'} included, as the "
                f"{kind}-date filter cannot place {'it' if count == 1 else 'them'}; untick “include undated” "
                "to hide undated cases."
            )
        else:
            notes.append(f"{cases} {'is' if count == 1 else 'are'} hidden by the {kind}-date filter.")
    return notes


@router.get("/register.csv")
def register_csv(request: Request, session: Session = Depends(get_session)) -> Response:
    """The register as CSV, with the same filters and sort as the page (every row, not one page)."""
    view = parse_register(request.query_params)
    _total, cases = register_page(session, view.params, extra=True, everything=True)
    buffer = io.StringIO()
    # each event type with its own columns: an agreement's parties in a parties column
    write_rows_csv(typed_rows(cases), buffer, export_columns(view.params.type))
    return download(buffer.getvalue(), "text/csv", download_name("register", view, "csv"))


@router.get("/register-sources.csv")
def register_sources_csv(request: Request, session: Session = Depends(get_session)) -> Response:
    """Every source of the register's cases (same filters): one row per case, article and statement, with
    the outlet, date, URL, stance and quoted sentence, to cite from a spreadsheet."""
    view = parse_register(request.query_params)
    _total, cases = register_page(session, view.params, everything=True)
    buffer = io.StringIO()
    write_sources_csv(session, [row["case"] for row in cases], buffer)
    return download(buffer.getvalue(), "text/csv", download_name("register-sources", view, "csv"))


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def download_name(kind: str, view: RegisterView, ext: str) -> str:
    """A download's file name with the register's filters and today's date."""
    filters: dict[str, Any] = {"type": view.params.type}
    filters.update({k: v for k, v in view.form.items() if k in FILTER_FIELDS and k != "type"})
    if view.params.contested:
        filters["contested"] = True
    filters["undated"] = view.params.undated
    return export_filename(kind, filters, today(), ext)


def download(body: str, media_type: str, filename: str) -> Response:
    """A file to save, under a name that says what it holds (the name is letters, digits and hyphens)."""
    return Response(
        body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


# ---- one case ----------------------------------------------------------------------------------------------


@router.get("/cases/{case_id}", response_class=Response)
def case_page(case_id: int, request: Request, session: Session = Depends(get_session)) -> Response:
    """A case: fused values, status history, and every report with its stances and quoted evidence."""
    case = session.get(CaseRow, case_id) if 0 < case_id < 2**31 else None
    if case is None:
        return not_found(request, f"There is no case {case_id}.")
    reports = [
        {
            "event": event,
            "doc": doc,
            "name": source_name(doc.outlet, doc.url, doc.title, doc.doc_key),
            "attributions": sorted(event.attributions, key=lambda a: a.id),
            "evidence": sorted(event.evidence, key=lambda e: (e.start, e.end)),
        }
        for event, doc in case_reports(session, case_id)
    ]
    cite = case_citation(request, session, case_id)
    assert cite is not None  # the case exists
    return render(
        request,
        "case.html",
        {
            "title": f"Case {case.id}",
            "case": case,
            "row": cite["row"],
            "labels": ACTOR_LABELS.get(case.type, ("Actor", "Counterpart")),
            "reports": reports,
            # fusion records reports by document key (a hash for a submitted article): show names
            "names": {r["doc"].doc_key: r["name"] for r in reports},
            "cite": cite,
            "sipri": case_sipri(session, case) if case.type == "transfer" else None,
            "difference_text": difference_text,
            "audit": audit_entries(session, case_id=case.id, limit=500),  # analysts' decisions, newest first
        },
    )


def case_citation(request: Request, session: Session, case_id: int) -> dict[str, Any] | None:
    """A case's citation (text, facts, sources, CSL-JSON) at its stable URL on this site, or None."""
    detail = case_detail(session, case_id)
    if detail is None:
        return None
    url = str(request.base_url).rstrip("/") + f"/cases/{case_id}"
    return {**citation(detail, url, today()), "row": detail["case"], "detail": detail}


@router.get("/cases/{case_id}/cite.json")
def case_cite_json(case_id: int, request: Request, session: Session = Depends(get_session)) -> Response:
    """The case and its articles as CSL-JSON, which reference managers (Zotero, Mendeley) import."""
    cite = case_citation(request, session, case_id)
    if cite is None:
        return not_found(request, f"There is no case {case_id}.")
    body = json.dumps(cite["csl"], ensure_ascii=False, indent=2)
    name = f"armswatch-case-{case_id}-{today()}.json"
    return download(body, "application/vnd.citationstyles.csl+json", name)


@router.get("/cases/{case_id}/evidence.{ext}")
def case_evidence(
    case_id: int, ext: str, request: Request, session: Session = Depends(get_session)
) -> Response:
    """A case's evidence as CSV or JSON: one row per article and statement, with its quoted sentences."""
    if ext not in ("csv", "json"):
        return not_found(request, f"No {ext[:20]!r} export of a case: use evidence.csv or evidence.json.")
    detail = case_detail(session, case_id)
    if detail is None:
        return not_found(request, f"There is no case {case_id}.")
    rows = evidence_rows(detail)
    name = f"armswatch-case-{case_id}-evidence-{today()}.{ext}"
    if ext == "json":
        body = json.dumps({"case": detail["case"], "evidence": rows}, ensure_ascii=False, indent=2)
        return download(body, "application/json", name)
    buffer = io.StringIO()
    write_rows_csv(rows, buffer, EVIDENCE_COLUMNS)
    return download(buffer.getvalue(), "text/csv", name)


# ---- one article -------------------------------------------------------------------------------------------


@router.get("/documents/{document_id}", response_class=Response)
def document_page(
    document_id: int, request: Request, hl: str | None = None, session: Session = Depends(get_session)
) -> Response:
    """An article with its entity mentions and evidence sentences highlighted, and its events beside it."""
    doc = session.get(DocumentRow, document_id) if 0 < document_id < 2**31 else None
    if doc is None:
        return not_found(request, f"There is no article {document_id}.")
    mentions = document_mentions(session, doc.id)
    events = document_events(session, doc.id)
    spans: list[Span] = []
    chosen = parse_hl(hl, len(doc.text))
    if chosen:
        spans.append(Span(chosen[0], chosen[1], 0, "mark", (("class", "hl"),), f"ev-{chosen[0]}"))
    evidence: dict[tuple[int, int], list[str]] = defaultdict(list)
    for event in events:
        for ev in event.evidence:
            evidence[(ev.start, ev.end)].append(f"#{event.id} {event.type}")
    for (start, end), labels in sorted(evidence.items()):
        title = "evidence for " + ", ".join(labels)
        spans.append(Span(start, end, 1, "span", (("class", "ev"), ("title", title)), f"ev-{start}"))
    entities: dict[int, tuple[str, str, int]] = {}
    for start, end, entity_id, name, etype in mentions:
        attrs = (
            ("class", f"ent ent-{etype}"),
            ("href", f"/actors/{entity_id}"),
            ("title", f"{name} · {etype}"),
        )
        spans.append(Span(start, end, 2, "a", attrs))
        _, _, count = entities.get(entity_id, (name, etype, 0))
        entities[entity_id] = (name, etype, count + 1)
    return render(
        request,
        "document.html",
        {
            "title": doc.title or doc.doc_key,
            "doc": doc,
            "html": highlight(doc.text, spans),
            "events": [
                {
                    "event": e,
                    "attributions": sorted(e.attributions, key=lambda a: a.id),
                    "evidence": sorted(e.evidence, key=lambda v: (v.start, v.end)),
                }
                for e in events
            ],
            "entities": sorted(entities.items(), key=lambda kv: (kv[1][1], kv[1][0])),
            "hl": chosen,
        },
    )


# ---- actors ------------------------------------------------------------------------------------------------


@router.get("/actors", response_class=Response)
def actor_lookup(request: Request, name: str = "", session: Session = Depends(get_session)) -> Response:
    """An actor by name: its exact name or alias redirects to its page; otherwise a list of matches."""
    return find_actor(request, name, session)


def find_actor(request: Request, name: str, session: Session, found_status: int = 200) -> Response:
    """Redirect to the actor a name or alias names; else the actors whose names hold it (found_status), or
    404 when none does."""
    name = name.strip()[:255]
    exact = find_entities(session, name)
    if exact:
        return RedirectResponse(f"/actors/{exact[0].id}", status_code=303)
    matches = preferred_entities(search_entities(session, name, aliases=False, limit=100)) if name else []
    return render(
        request,
        "actors.html",
        {"title": "Actors", "name": name, "matches": matches},
        found_status if matches or not name else 404,
    )


def year_chart(events: list[dict[str, Any]], width: int = 720, height: int = 160) -> dict[str, Any] | None:
    """Bars of events per year, stacked by event type, as geometry for an inline SVG."""
    per_year: dict[int, Counter[str]] = defaultdict(Counter)
    for event in events:
        date = event.get("date") or ""
        if len(date) >= 4 and date[:4].isdigit():
            per_year[int(date[:4])][event["type"]] += 1
    if not per_year:
        return None
    first, last = min(per_year), max(per_year)
    years = list(range(first, last + 1))
    top = max(sum(c.values()) for c in per_year.values())
    left, bottom, plot_h = 30, 22, height - 22 - 10
    step = (width - left - 10) / len(years)
    bar_w = max(2.0, min(48.0, step * 0.7))
    bars = []
    for i, year in enumerate(years):
        x = left + i * step + (step - bar_w) / 2
        y = float(height - bottom)
        segments = []
        for etype, count in sorted(per_year[year].items()):
            h = plot_h * count / top
            y -= h
            segments.append({"type": etype, "count": count, "y": round(y, 1), "h": round(h, 1)})
        bars.append(
            {
                "year": year,
                "x": round(x, 1),
                "w": round(bar_w, 1),
                "cx": round(x + bar_w / 2, 1),
                "total": sum(per_year[year].values()),
                "segments": segments,
                "label": len(years) <= 16 or year % 5 == 0,
            }
        )
    types = sorted({t for c in per_year.values() for t in c})
    return {
        "width": width,
        "height": height,
        "base": height - bottom,
        "top": top,
        "bars": bars,
        "types": types,
    }


@router.get("/actors/{actor}", response_class=Response)
def actor_page(actor: str, request: Request, session: Session = Depends(get_session)) -> Response:
    """A country, company or person, by id or by name (/actors/Turkey): deals as supplier and as recipient,
    and a timeline."""
    if not (actor.isascii() and actor.isdigit()):
        # a name: its page, or (404) the actors it may mean
        return find_actor(request, actor, session, found_status=404)
    entity_id = int(actor)
    entity = session.get(EntityRow, entity_id) if 0 < entity_id < 2**31 else None
    if entity is None:
        return not_found(request, f"There is no actor {entity_id}.")
    aliases = entity_alias_list(session, entity_id)
    cases = actor_cases(session, entity)
    transfers = [c for c in cases if c.type == "transfer"]
    events = timeline(session, entity.name, limit=500, ids={entity.id})
    return render(
        request,
        "actor.html",
        {
            "title": entity.name,
            "entity": entity,
            "aliases": aliases[:60],
            # a supplier's deals, and a maker's: the deals it made the item of
            "as_supplier": [case_row(c) for c in transfers if c.recipient_id != entity.id],
            "as_recipient": [case_row(c) for c in transfers if c.recipient_id == entity.id],
            "other_cases": [case_row(c) for c in cases if c.type != "transfer"],
            "events": events,
            "chart": year_chart(events),
        },
    )


# ---- the network -------------------------------------------------------------------------------------------


def _year(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if re.fullmatch(r"\d{4}", value) else None


def network_graph(
    session: Session, category: str | None, since: str | None, until: str | None
) -> dict[str, Any]:
    """The network's nodes (states, a company folded into its state) and supplier -> recipient edges, each
    with its cases, contested cases, makers and a link to those cases in the register; in name order, so
    the same data gives the same graph."""
    filters = RegisterFilters(category=category or None, since=since, until=until)
    link = {"category": category or "", "since": since or "", "until": until or ""}
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for i, edge in enumerate(network_edges(session, filters)):
        for name, role in ((edge.supplier, "supplier"), (edge.recipient, "recipient")):
            node = nodes.setdefault(name, {"id": name, "label": name, "cases": 0, "roles": set()})
            node["cases"] += edge.cases
            node["roles"].add(role)
        made = f" · made by {', '.join(edge.makers)}" if edge.makers else ""
        edges.append(
            {
                "id": f"e{i}",
                "source": edge.supplier,
                "target": edge.recipient,
                "cases": edge.cases,
                "contested": edge.contested,
                "makers": edge.makers,
                # what the edge says when zoomed in, and its tooltip
                "label": f"{edge.cases} case{'s' if edge.cases != 1 else ''}{made}",
                "href": "/register?" + qs(link, supplier=edge.supplier, recipient=edge.recipient),
            }
        )
    for node in nodes.values():
        roles = node.pop("roles")
        node["role"] = "both" if len(roles) == 2 else next(iter(roles))
        node["href"] = actor_link(node["id"])
    return {"nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": edges}


@router.get("/network", response_class=Response)
def network_page(request: Request, session: Session = Depends(get_session)) -> Response:
    """Suppliers -> recipients, drawn by cytoscape.js from /network.json with the same filters, and the same
    edges as a table (readable without script, from the keyboard and by screen readers)."""
    form = {
        "category": request.query_params.get("category") or "",
        "since": _year(request.query_params.get("since")) or "",
        "until": _year(request.query_params.get("until")) or "",
    }
    if form["category"] not in load_ontology().item_categories:
        form["category"] = ""
    return render(
        request,
        "network.html",
        {
            "title": "Network",
            "form": form,
            "data_url": "/network.json?" + qs(form),
            "categories": sorted(load_ontology().item_categories),
            "graph": network_graph(session, form["category"], form["since"] or None, form["until"] or None),
        },
    )


@router.get("/network.json")
def network_json(
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    session: Session = Depends(get_session),
) -> JSONResponse:
    """Nodes and supplier -> recipient edges (transfer cases), weighted by the number of cases."""
    if category and category not in load_ontology().item_categories:
        raise HTTPException(422, f"unknown category {category!r}")
    graph = network_graph(session, category, _year(since), _year(until))
    return JSONResponse(
        {"nodes": [{"data": n} for n in graph["nodes"]], "edges": [{"data": e} for e in graph["edges"]]}
    )


# ---- search ------------------------------------------------------------------------------------------------

SNIPPET_MARKS = {
    "sqlite": re.compile(r"\[([^\[\]]{1,200})\]"),
    "postgresql": re.compile(r"&lt;b&gt;(.{1,200}?)&lt;/b&gt;"),
}


def snippet_html(snippet: str, dialect: str) -> Markup:
    """The search snippet escaped, then its match markers turned into <mark>."""
    escaped = str(escape(snippet))
    pattern = SNIPPET_MARKS.get(dialect)
    if pattern is not None:
        escaped = pattern.sub(lambda m: f"<mark>{m.group(1)}</mark>", escaped)
    return Markup(escaped)  # built only from escaped text and fixed tags


@router.get("/search", response_class=Response)
def search_page(
    request: Request,
    q: str = "",
    store: Store = Depends(get_store),
    session: Session = Depends(get_session),
) -> Response:
    """Actors whose names match, and articles by full-text search, each with its outlet, date and the
    cases and events read from it."""
    q = q.strip()[:500]
    articles: list[dict[str, Any]] = []
    actors: list[EntityRow] = []
    if q:
        dialect = store.engine.dialect.name
        articles = search_results(session, store.search(q, 50))
        for article in articles:
            article["snippet"] = snippet_html(article["snippet"] or "", dialect)
        actors = preferred_entities(search_entities(session, q, aliases=False, limit=30))
    return render(request, "search.html", {"title": "Search", "q": q, "articles": articles, "actors": actors})


# ---- submit ------------------------------------------------------------------------------------------------

HTML_START = re.compile(r"^\s*(<!doctype|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)


SUBMIT_DISABLED = "Submitting is disabled: this server has no ARMSWATCH_TOKEN configured and no users."


@router.get("/submit", response_class=Response)
async def submit_form(request: Request) -> Response:
    """The form to paste an article."""
    context = {"title": "Submit", "form": {}, "enabled": await writes_configured(request)}
    return render(request, "submit.html", {**context, "disabled_message": SUBMIT_DISABLED})


@router.post("/submit", response_class=Response)
def submit_post(
    request: Request,
    text: str = Form(""),
    kind: str = Form("auto"),
    title: str = Form(""),
    outlet: str = Form(""),
    published: str = Form(""),
    url: str = Form(""),
    token: str = Form(""),
) -> Response:
    """Check who submits (the token typed, else the login), then extract, store and fuse the article, and
    show what was read from it. It needs an analyst, as the API's POST /api/documents does."""
    form = {"text": text, "kind": kind, "title": title, "outlet": outlet, "published": published, "url": url}
    configured = writes_enabled(request)
    context: dict[str, Any] = {
        "title": "Submit",
        "form": form,
        "enabled": configured,
        "disabled_message": SUBMIT_DISABLED,
    }

    def refuse(message: str, status_code: int) -> Response:
        return render(request, "submit.html", {**context, "error": message}, status_code)

    if not configured:
        return refuse(SUBMIT_DISABLED, 403)
    user = token_holder(request, form_token(token)) if token else request.state.user
    if user is None:
        return refuse("The token is not valid." if token else "Log in or give a token to submit.", 401)
    if not user.can("analyst"):
        return refuse(f"Submitting needs the analyst role; {user.name} is a {user.role}.", 403)
    is_html = kind == "html" or (kind == "auto" and bool(HTML_START.match(text)))
    try:
        body = SubmittedDocument.model_validate(
            {
                "text": None if is_html else text,
                "html": text if is_html else None,
                "title": title.strip() or None,
                "outlet": outlet.strip() or None,
                "published": published.strip() or None,
                "url": url.strip() or None,
            }
        )
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        return refuse(f"{where}: {problem['msg']}", 422)
    try:
        result = submit_article(request, body)
    except HTTPException as exc:
        return refuse(str(exc.detail), exc.status_code)
    store: Store = request.app.state.store
    with store.sessions() as session:
        doc = session.get(DocumentRow, result["document"])
        events = document_events(session, result["document"])
        context.update(result=result, doc=doc, events=events, form={})
        return render(request, "submit.html", context, 201 if result["stored"] else 200)


# ---- login (for a server started with lock_reads) ---------------------------------------------------------


def local_target(value: str) -> str:
    """Where to go after logging in: a path on this site only (never //host or a scheme: no open redirect)."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value and len(value) < 2000:
        return value
    return "/register"


@login_router.get("/login", response_class=Response)
def login_form(
    request: Request, next: str = "/register", user: User | None = Depends(current_user)
) -> Response:
    """The token form: a user's token (or the server's ARMSWATCH_TOKEN) logs this browser in as them. (user:
    the header says who is logged in already, this page being outside the router that looks it up.)"""
    settings = request.app.state.settings
    context = {"title": "Log in", "next": local_target(next), "locked": settings.lock_reads, "user": user}
    return render(request, "login.html", context)


@login_router.post("/login", response_class=Response)
def login_post(request: Request, token: str = Form(""), next: str = Form("/register")) -> Response:
    """Check the token; on success set an HttpOnly, SameSite=Strict cookie that names the user, signed so
    that it cannot be forged and never holding the token (see users.login_cookie; the server's
    ARMSWATCH_TOKEN gets an HMAC of itself)."""
    target = local_target(next)
    user = token_holder(request, form_token(token))
    if user is None:
        configured = writes_enabled(request)
        unset = "This server has no ARMSWATCH_TOKEN and no users."
        context = {
            "title": "Log in",
            "next": target,
            "locked": request.app.state.settings.lock_reads,
            "error": "The token is not valid." if configured else unset,
        }
        return render(request, "login.html", context, 401)
    if user.id is None:  # the server's ARMSWATCH_TOKEN
        value = read_cookie_value(request.app.state.settings.token)
    else:
        store: Store = request.app.state.store
        with store.sessions() as session:
            value = login_cookie(session, user)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        READ_COOKIE,
        value,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=30 * 24 * 3600,
    )
    return response


@login_router.post("/logout", response_class=Response)
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(READ_COOKIE, httponly=True, samesite="strict")
    return response
