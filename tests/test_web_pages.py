"""The server-rendered pages in real headless Chromium (Playwright driving Debian's chromium): the register
with filters and sorting, a case, a quote followed to its highlighted sentence, an actor, the network graph,
the submit form, and a hostile article that must not run script. The app is served by uvicorn on a free
port over a SQLite store filled by ingesting a few articles."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, expect, sync_playwright

from armswatch.fuse import Fuser
from armswatch.pipeline import Pipeline, ingest
from armswatch.records import Attribution, Document, EntityRecord, Event, ExtractionRecord
from armswatch.store import Store, open_store
from armswatch.web.app import Settings, create_app
from armswatch.web.pages import Span, highlight
from conftest import ROOT, client_for, write_articles

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
TOKEN = "test-token"
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)

# Two outlets claim a deal and the buyer denies it; another deal; an exercise; a hostile page.
ARTICLES = {
    "claim-a": (
        "Sahara Defence Review",
        "2025-03-10",
        "Algeria has taken delivery of six Su-57 fighter jets from Russia, according to people familiar "
        "with the matter. The jets arrived at Oum El Bouaghi air base in February.",
    ),
    "claim-b": (
        "Mediterranean Security Monitor",
        "2025-03-12",
        "Russia delivered Su-57 fighter jets to Algeria earlier this year, the magazine reported, citing two "
        "military sources in Moscow.",
    ),
    "denial-c": (
        "Maghreb Evening News",
        "2025-03-14",
        "Algeria's defence ministry on Thursday denied that the country had received Su-57 fighter jets "
        "from Russia, calling the reports baseless.",
    ),
    "k2-poland": (
        "Wire Agency",
        "2024-05-06",
        "Poland has signed a contract to buy 180 K2 Black Panther tanks from South Korea's Hyundai Rotem, "
        "the defence ministry in Warsaw said on Tuesday. Deliveries of the first 40 tanks are due next year.",
    ),
    "exercise": (
        "Naval Review",
        "2025-04-02",
        "Indian and Vietnamese navies held a joint exercise on Monday, the Indian navy said. The drill "
        "involved two frigates and a maritime patrol aircraft.",
    ),
    "hostile-text": (
        "Open Wire",
        "2025-04-07",
        "Kenya has received 12 armoured vehicles from Turkey, the defence ministry said on Monday. "
        '<script>window.__xss=1</script> Critics noted <img src=x onerror="window.__xss=1"> that Turkey '
        "denied the report.",
    ),
}

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
HOSTILE_COMPANY = f"Acme{SCRIPT} Defence"
HOSTILE_MEDIA = f"Vexor{IMG} Monitor"
HOSTILE_TEXT = (
    f"{HOSTILE_COMPANY} has delivered 40 armoured vehicles to Uganda, according to {HOSTILE_MEDIA}. "
    "The government in Kampala denied it."
)

SUBMITTED = (
    "Serbia has received FK-3 air defence systems from China, the Serbian defence ministry said on "
    "Saturday. The batteries were flown to Belgrade aboard Chinese Y-20 transport aircraft."
)


def hostile_record() -> ExtractionRecord:
    """An extraction whose names carry script payloads, as a hostile page or gazetteer entry could yield."""
    first_end = HOSTILE_TEXT.index(". ") + 1
    company = (0, len(HOSTILE_COMPANY))
    media_start = HOSTILE_TEXT.index(HOSTILE_MEDIA)
    uganda = HOSTILE_TEXT.index("Uganda")
    return ExtractionRecord(
        doc=Document(
            id="hostile-names",
            text=HOSTILE_TEXT,
            title=f"{HOSTILE_COMPANY} ships armour",
            outlet=HOSTILE_MEDIA,
            published="2025-04-08",
            url="javascript:window.__xss=1",
        ),
        entities=[
            EntityRecord(HOSTILE_COMPANY, "company", None, None, [company]),
            EntityRecord("Uganda", "country", "UGA", None, [(uganda, uganda + 6)]),
            EntityRecord(
                HOSTILE_MEDIA, "media", None, None, [(media_start, media_start + len(HOSTILE_MEDIA))]
            ),
        ],
        events=[
            Event(
                type="transfer",
                roles={
                    "supplier": HOSTILE_COMPANY,
                    "recipient": "Uganda",
                    "item": f"armoured vehicles {IMG}",
                    "item_category": "armoured_vehicle",
                    "quantity": 40,
                },
                status="delivery",
                date={"start": "2025-04", "end": None},
                attributions=[
                    Attribution(HOSTILE_MEDIA, "claimed", "according to"),
                    Attribution("Uganda", "denied", "denied"),
                ],
                evidence=[(0, first_end), (first_end + 1, len(HOSTILE_TEXT))],
            )
        ],
    )


# ---- the live server and the browser ---------------------------------------------------------------------


@dataclass
class Site:
    url: str
    store: Store
    app: FastAPI


class LiveServer:
    """uvicorn serving the app on 127.0.0.1 (a free port, bound before the thread starts) in a thread."""

    def __init__(self, app: FastAPI) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.socket.close()


@pytest.fixture(scope="module")
def site(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("web-pages")
    store = open_store(f"sqlite:///{folder / 'armswatch.db'}")
    summary = ingest(pipeline, [str(write_articles(folder / "in", ARTICLES))], store)
    assert (summary.documents, summary.errors) == (len(ARTICLES), 0)
    fuser = Fuser()
    store.save(hostile_record(), on_saved=lambda session, doc_id: fuser.fuse_document(session, doc_id))
    app = create_app(Settings(token=TOKEN), store)
    app.state.pipeline = pipeline  # the model is loaded once per test session
    with LiveServer(app) as url:
        yield Site(url, store, app)
    store.engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing (make test installs Debian's chromium)")
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def console_errors() -> list[str]:
    """What the page fixture saw go wrong in the browser; a test may take out an error it expects."""
    return []


@pytest.fixture
def page(browser: Browser, console_errors: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    errors = console_errors
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    # Console errors include Content-Security-Policy violations and assets that failed to load.
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield opened
    context.close()
    assert not errors, f"errors in the browser console: {errors}"


def shot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def column(page: Page, name: str) -> list[str]:
    return [t.strip() for t in page.locator(f"#register tbody td.{name}").all_inner_texts()]


# ---- the tests --------------------------------------------------------------------------------------------


def test_register_filters_sorts_and_links_its_state(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/")
    page.wait_for_selector("#register tbody tr")
    suppliers = column(page, "supplier")
    assert "Russia" in suppliers and len(set(suppliers)) > 1, suppliers
    shot(page, "register")

    page.fill("input[name=supplier]", "Russia")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/register?supplier=Russia*")
    assert "recipient=" not in page.url  # empty fields stay out of the shared URL
    page.wait_for_selector("#register tbody tr")
    assert set(column(page, "supplier")) == {"Russia"}
    assert column(page, "recipient") == ["Algeria"]
    expect(page.locator("#register tbody tr").first).to_contain_text("Su-57")
    expect(page.locator("#register .flag-contested")).to_have_count(1)
    shot(page, "register-filtered")

    # The CSV link carries the same filters.
    csv_href = page.get_attribute("#csv-link", "href")
    assert csv_href is not None and "supplier=Russia" in csv_href
    csv = page.request.get(site.url + csv_href)
    assert csv.ok and "Algeria" in csv.text() and "Poland" not in csv.text()

    # Sorting by a column header is a link; the filter stays in the URL.
    page.click("#register thead a:has-text('Supplier')")
    page.wait_for_url("**sort=supplier*")
    assert "supplier=Russia" in page.url

    # Contested only, through the form.
    page.goto(f"{site.url}/register")
    page.check("input[name=contested]")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**contested=true*")
    rows = page.locator("#register tbody tr")
    assert rows.count() >= 1
    assert rows.count() == page.locator("#register tbody tr.contested").count()

    # A bad date is reported on the page, not a server error.
    page.goto(f"{site.url}/register?since=last-week")
    expect(page.locator(".notice.error")).to_contain_text("YYYY")


def test_case_quote_leads_to_the_highlighted_sentence(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/register?supplier=Russia&recipient=Algeria")
    page.click("#register tbody tr >> a.case-link")
    page.wait_for_url("**/cases/*")
    reports = page.locator("#reports > li")
    expect(reports).to_have_count(3)
    expect(page.locator(".badge.stance-denied").first).to_be_visible()
    expect(page.locator(".badge.stance-claimed").first).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("yes: a source denies it")
    shot(page, "case")

    quote = page.locator("a.quote-link", has_text="denied")
    quote_text = quote.first.inner_text().strip()
    href = quote.first.get_attribute("href")
    assert href is not None and "?hl=" in href and "#ev-" in href
    quote.first.click()
    page.wait_for_url("**/documents/*")
    mark = page.locator("mark.hl")
    expect(mark).to_have_count(1)
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    assert quote_text in mark.inner_text()
    # The article's events are listed beside it, and its entities are highlighted.
    expect(page.locator(".side .event").first).to_contain_text("transfer")
    expect(page.locator("#article-text .ent-country", has_text="Algeria").first).to_be_visible()
    shot(page, "document")


def test_actor_page_lists_deals_and_draws_a_timeline(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/actors?name=russia")
    page.wait_for_url("**/actors/*")
    expect(page.locator("#actor-name")).to_have_text("Russia")
    expect(page.locator("section", has_text="Deals as supplier")).to_contain_text("Algeria")
    expect(page.locator("#timeline-chart rect").first).to_be_attached()
    shot(page, "actor")
    page.goto(f"{site.url}/actors?name=Algeria")
    expect(page.locator("section", has_text="Deals as recipient")).to_contain_text("Russia")


def test_network_edge_click_opens_the_filtered_register(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/network")
    page.wait_for_selector("#cy[data-ready=true]")
    assert page.evaluate("window.cy.edges().length") >= 2
    shot(page, "network")

    filtered = page.request.get(f"{site.url}/network.json?category=combat_aircraft").json()
    assert [(e["data"]["source"], e["data"]["target"]) for e in filtered["edges"]] == [("Russia", "Algeria")]

    # tapped after the evaluate returns: a navigation inside evaluate() leaves it waiting for its timeout
    page.evaluate(
        "setTimeout(() => window.cy.edges()"
        ".filter(e => e.data('source') === 'Russia' && e.data('target') === 'Algeria')[0].emit('tap'), 0)"
    )
    page.wait_for_url("**/register?*")
    assert "supplier=Russia" in page.url and "recipient=Algeria" in page.url
    page.wait_for_selector("#register tbody tr")
    assert column(page, "recipient") == ["Algeria"]


def test_submit_form_extracts_and_links_the_events(site: Site, page: Page, console_errors: list[str]) -> None:
    page.goto(f"{site.url}/submit")
    page.fill("textarea[name=text]", SUBMITTED)
    page.fill("input[name=title]", "Serbia takes delivery of Chinese air defence")
    page.fill("input[name=outlet]", "Balkan Defence Monitor")
    page.fill("input[name=published]", "2025-04-12")
    page.fill("input[name=token]", "wrong-token")
    page.click("#submit-button")
    expect(page.locator("#submit-error")).to_contain_text("token is not valid")
    assert [e for e in console_errors if "401" in e], console_errors  # the refusal is a 401 page
    console_errors.clear()

    page.fill("input[name=token]", TOKEN)  # the form keeps what was typed, except the token
    assert page.input_value("textarea[name=text]") == SUBMITTED
    page.click("#submit-button")
    result = page.locator("#submit-result")
    expect(result).to_be_visible(timeout=90_000)
    expect(result.locator("#submitted-events")).to_contain_text("transfer")
    expect(result.locator("#submitted-events")).to_contain_text("China")
    shot(page, "submit")

    page.click("#submitted-events a.case-link")
    page.wait_for_url("**/cases/*")
    expect(page.locator("h1")).to_contain_text("Serbia")
    page.goto(f"{site.url}/search?q=Belgrade")
    expect(page.locator(".results")).to_contain_text("Serbia takes delivery")


def test_submit_is_refused_without_a_configured_token(site: Site) -> None:
    with client_for(site.store, Settings(token=None)) as client:
        shown = client.get("/submit")
        assert "no ARMSWATCH_TOKEN configured" in shown.text
        refused = client.post("/submit", data={"text": SUBMITTED, "token": "anything"})
    assert refused.status_code == 403
    assert "Submitting is disabled" in refused.text


def test_locked_reads_send_a_browser_to_log_in_and_back(
    site: Site, page: Page, console_errors: list[str]
) -> None:
    """With lock_reads, pages redirect to /login; the token sets an HttpOnly cookie that opens pages and the
    API to this browser only; a wrong token is refused; the return address cannot leave the site."""
    import httpx

    locked = create_app(Settings(token=TOKEN, lock_reads=True), site.store)
    with LiveServer(locked) as url:
        assert httpx.get(f"{url}/api/register").status_code == 401
        assert httpx.get(f"{url}/register").status_code == 401  # a client not asking for HTML
        html = {"Accept": "text/html"}
        assert httpx.get(f"{url}/register", headers=html, follow_redirects=False).status_code == 303

        page.goto(f"{url}/register?supplier=Russia")
        assert page.url.startswith(f"{url}/login?next=")
        page.fill("input[name=token]", "wrong-token")
        with page.expect_response(lambda r: r.url.endswith("/login")) as refused:
            page.click("form.login button")
        assert refused.value.status == 401
        expect(page.locator(".error")).to_contain_text("not valid")

        page.fill("input[name=token]", TOKEN)
        page.click("form.login button")
        page.wait_for_url(f"{url}/register?supplier=Russia")
        expect(page.locator("#register tbody tr").first).to_contain_text("Russia")
        shot(page, "login-then-register")
        cookies = page.context.cookies()
        assert [c["httpOnly"] for c in cookies if c["name"] == "armswatch_read"] == [True]
        assert all(TOKEN not in c["value"] for c in cookies)  # the cookie is not the token
        assert "armswatch_read" not in page.evaluate("document.cookie")  # no script can read it
        assert page.request.get(f"{url}/api/register").status == 200  # the API honours the login too

        # An off-site return address is replaced by the register.
        response = httpx.post(
            f"{url}/login", data={"token": TOKEN, "next": "//evil.example/x"}, follow_redirects=False
        )
        assert response.status_code == 303 and response.headers["location"] == "/register"
        page.goto(f"{url}/login")
        page.click("form.logout button")
        page.wait_for_url(f"{url}/login")
        assert httpx.get(f"{url}/api/register", cookies={}).status_code == 401
        page.goto(f"{url}/cases/1")
        assert page.url.startswith(f"{url}/login?next=%2Fcases%2F1")
    # The browser logs the refused form post's 401 (when it gets to it): the one error expected here.
    console_errors[:] = [e for e in console_errors if "401" not in e]


def test_hostile_article_cannot_run_script(site: Site, page: Page) -> None:
    dialogs: list[Any] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def visit(path: str, name: str) -> None:
        page.goto(site.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("main script, main img").count() == 0, path
        shot(page, name)

    visit("/register?supplier=Acme", "xss-register")
    expect(page.locator("#register tbody td.supplier")).to_have_text(HOSTILE_COMPANY)
    page.click("#register tbody tr >> a.case-link")
    page.wait_for_url("**/cases/*")
    visit(page.url.removeprefix(site.url), "xss-case")
    expect(page.locator("h1")).to_contain_text(HOSTILE_COMPANY)
    expect(page.locator(".attribution .source", has_text=HOSTILE_MEDIA)).to_be_visible()
    expect(page.locator("a.ext")).to_have_count(0)  # a javascript: URL never becomes a link

    page.locator("a.quote-link").first.click()
    page.wait_for_url("**/documents/*")
    visit(page.url.removeprefix(site.url), "xss-document")
    expect(page.locator("mark.hl")).to_contain_text(HOSTILE_COMPANY)
    expect(page.locator("#article-text")).to_contain_text(HOSTILE_MEDIA)
    expect(page.locator("h1")).to_have_text(f"{HOSTILE_COMPANY} ships armour")

    page.locator("#article-text a.ent-company").first.click()
    page.wait_for_url("**/actors/*")
    visit(page.url.removeprefix(site.url), "xss-actor")
    expect(page.locator("#actor-name")).to_have_text(HOSTILE_COMPANY)

    # The hostile text that went through the real pipeline: its payload shows as text.
    visit("/search?q=Critics", "xss-search")
    page.locator(".results a.doc-title").first.click()
    page.wait_for_url("**/documents/*")
    visit(page.url.removeprefix(site.url), "xss-document-pipeline")
    expect(page.locator("#article-text")).to_contain_text(SCRIPT)
    expect(page.locator("#article-text")).to_contain_text(IMG)
    assert dialogs == []


# ---- highlighting without a browser ----------------------------------------------------------------------


def test_highlight_escapes_every_piece_and_nests_overlapping_spans() -> None:
    text = "Egypt's <b>Foreign</b> Ministry denied it."
    ministry, said = text.index(" Ministry"), text.index("Ministry")
    spans = [
        Span(0, ministry + 9, 2, "a", (("class", "ent"), ("href", "/actors/2"))),  # the whole ministry
        Span(0, 5, 2, "a", (("class", "ent"), ("href", "/actors/1"))),  # Egypt: nested, so not a link
        Span(said, len(text), 1, "span", (("class", "ev"), ("title", 'say "hi" <x>')), f"ev-{said}"),
        Span(0, 99, 0, "mark"),  # out of range: ignored
    ]
    html = str(highlight(text, spans))
    assert "<b>" not in html and "&lt;b&gt;Foreign&lt;/b&gt;" in html
    assert html.count(f'id="ev-{said}"') == 1 and "&#34;hi&#34; &lt;x&gt;" in html
    assert html.count("<a ") == html.count('href="/actors/2"') == 2  # split where the sentence begins
    assert '<span class="ent">Egypt</span>' in html
    opened = [t for t in ("<a ", "<span ") for _ in range(html.count(t))]
    assert len(opened) == html.count("</a>") + html.count("</span>")
