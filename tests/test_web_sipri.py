"""The SIPRI reconciliation on the web (issue 15), in real Chromium and over loopback HTTP: an analyst
uploads a SIPRI trade register on /sipri and sees the three lists and the differences; the register shows
a "SIPRI" badge on matched cases (linking to SIPRI's values on the case page) and "not in SIPRI" on the
others; a reader may not upload (403), nor may anyone logged out (401); a wrong file is said with its line
and replaces nothing; /api/sipri gives the same as JSON. Screenshots go to test-output/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

import test_web_pages as web
from armswatch.store import Store, open_store
from armswatch.users import add_user
from armswatch.web.app import Settings, create_app
from test_makers import fill
from test_reconcile import FIXTURE, records
from test_web_a11y import run_axe
from test_web_pages import TIMEOUT_MS, LiveServer, shot

browser = web.browser


@dataclass
class SipriSite:
    url: str
    store: Store
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def sipri_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SipriSite]:
    folder = tmp_path_factory.mktemp("web-sipri")
    store = open_store(f"sqlite:///{folder / 'armswatch.db'}")
    fill(store, records())
    with store.sessions() as session:
        tokens = {role: add_user(session, f"{role}-one", role)[1] for role in ("reader", "analyst")}
        session.commit()
    app = create_app(Settings(), store)
    with LiveServer(app) as url:
        yield SipriSite(url, store, tokens)
    store.engine.dispose()


@contextmanager
def logged_in(base: str, token: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as client:
        assert client.post("/login", data={"token": token}, follow_redirects=False).status_code == 303
        yield client


def upload(client: httpx.Client, path: Path, name: str = "sipri-register.csv") -> httpx.Response:
    with path.open("rb") as handle:
        return client.post("/sipri", files={"sipri": (name, handle, "text/csv")})


def test_only_an_analyst_may_upload_and_a_wrong_file_replaces_nothing(
    sipri_site: SipriSite, tmp_path: Path
) -> None:
    base = sipri_site.url
    with httpx.Client(base_url=base, timeout=60) as anonymous:
        page = anonymous.get("/sipri")
        assert (
            page.status_code == 200 and 'id="sipri-none"' in page.text and 'id="sipri-form"' not in page.text
        )
        assert upload(anonymous, FIXTURE).status_code == 401
        assert anonymous.get("/api/sipri").status_code == 404  # nothing uploaded yet: said, not an empty list
    with logged_in(base, sipri_site.tokens["reader"]) as reader:
        refused = upload(reader, FIXTURE)
        assert refused.status_code == 403 and "needs the analyst role; reader-one is a reader" in refused.text
    with logged_in(base, sipri_site.tokens["analyst"]) as analyst:
        done = upload(analyst, FIXTURE)
        assert done.status_code == 201 and "Uploaded: 10 SIPRI rows kept from sipri-register.csv" in done.text
        wrong = tmp_path / "notes.csv"
        wrong.write_text("Recipient,Supplier,Weapon designation\nKenya,Turkiye,Dogan\n", encoding="utf-8")
        said = upload(analyst, wrong, "notes.csv")
        assert said.status_code == 422
        assert "notes.csv: line 1: not SIPRI&#39;s trade-register header: missing column" in said.text
    with httpx.Client(base_url=base, timeout=60) as anonymous:
        kept = anonymous.get("/api/sipri").json()  # the first upload is still the one kept
    assert (kept["file"], kept["uploaded_by"], kept["sipri_rows"]) == (
        "sipri-register.csv",
        "analyst-one",
        10,
    )
    assert (len(kept["matched"]), len(kept["news_only"]), len(kept["sipri_only"])) == (3, 2, 1)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # bypass_csp lets axe's script tag run under the pages' strict Content-Security-Policy
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    assert not errors


def test_an_analyst_reconciles_in_the_browser_and_the_register_shows_badges(
    sipri_site: SipriSite, page: Page
) -> None:
    base = sipri_site.url
    page.goto(f"{base}/login?next=/sipri")
    page.fill("input[name=token]", sipri_site.tokens["analyst"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/sipri")
    page.set_input_files("#sipri-form input[type=file]", str(FIXTURE))
    page.click("#sipri-form button[type=submit]")
    expect(page.locator("#sipri-uploaded")).to_contain_text("10 SIPRI rows")
    expect(page.locator("#sipri-summary")).to_contain_text("3 matched")
    matched = page.locator("#matched tbody tr")
    expect(matched).to_have_count(3)
    expect(page.locator("#matched tr", has_text="M-346")).to_contain_text(
        "year_of_order: ours 2023, SIPRI 2022"
    )
    expect(page.locator("#news-only tbody tr")).to_have_count(2)
    expect(page.locator("#sipri-only tbody tr")).to_have_text(["Italy → Nigeria AW139 2023 14"])
    shot(page, "sipri-reconciliation-1400")
    assert run_axe(page) == []  # the three tables, the form and the notices: no accessibility violation

    page.goto(f"{base}/register")
    m346 = page.locator("#register tbody tr", has_text="M-346")
    expect(m346.locator("a.flag-sipri")).to_have_text("SIPRI")
    expect(page.locator("#register tbody tr", has_text="T129").locator(".flag-not-sipri")).to_have_text(
        "not in SIPRI"
    )
    shot(page, "sipri-register-badges-1400")
    m346.locator("a.flag-sipri").click()
    page.wait_for_url("**/cases/*#sipri")
    expect(page.locator("#sipri-values")).to_contain_text("M-346")
    expect(page.locator("#sipri-differences")).to_have_text("year_of_order: ours 2023, SIPRI 2022")
    shot(page, "sipri-case-1400")
    assert run_axe(page) == []
