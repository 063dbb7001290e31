"""The pages for everyone, in real headless Chromium: axe-core (from npm, pinned in package.json, installed by
`make test`) finds no serious or critical problem on any page; the keyboard reaches the cases through skip
links and always sees where it is; a phone shows the register's key columns without sideways scrolling and
folds the filters; the cited sentence stands out from the other marks; and bad input gets a message (on the
page, as an HTML error page, or as the API's 422), never a silent empty register."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

import test_web_pages as web
from armswatch.web.app import Settings
from conftest import ROOT, client_for
from test_web_pages import SCREENSHOTS, TIMEOUT_MS, Site, shot

# The page tests' live server (its own instance for this module), browser and page, by name.
site = web.site
browser = web.browser
page = web.page
console_errors = web.console_errors

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_REPORTS = SCREENSHOTS.parent / "axe"
PHONE = ViewportSize(width=390, height=844)
WIDE = ViewportSize(width=1400, height=900)


def axe_script() -> Path:
    """axe.min.js, installed by `make test` (npm ci). Missing in CI is a failure, never a silent skip;
    locally the axe tests are skipped only on a machine without npm."""
    if AXE_JS.exists():
        return AXE_JS
    hint = f"{AXE_JS.relative_to(ROOT)} is missing: run `make test` or `npm ci` at the repository root"
    if os.environ.get("CI") or os.environ.get("ARMSWATCH_CI") or shutil.which("npm"):
        pytest.fail(hint)
    pytest.skip(f"npm is not installed ({hint})")


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Any]:
    """A factory of pages at a given viewport. bypass_csp lets axe's script tag run under the pages' strict
    Content-Security-Policy (the page tests check that policy with CSP on)."""
    contexts = []
    errors: list[str] = []

    def make(viewport: ViewportSize = WIDE, *, bypass_csp: bool = False) -> Page:
        context = browser.new_context(viewport=viewport, bypass_csp=bypass_csp)
        contexts.append(context)
        opened = context.new_page()
        opened.set_default_timeout(TIMEOUT_MS)
        opened.on("pageerror", lambda exc: errors.append(str(exc)))
        return opened

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"script errors in the browser: {errors}"


def first_ids(site: Site) -> dict[str, int]:
    """The Russia -> Algeria case (three reports, one denial) and the article of its first quote."""
    with httpx.Client(base_url=site.url, timeout=30) as client:
        pair = {"supplier": "Russia", "recipient": "Algeria"}
        case_id = client.get("/api/register", params=pair).json()["rows"][0]["case"]
        detail = client.get(f"/api/cases/{case_id}").json()
    report = next(r for r in detail["reports"] if r["evidence"])
    return {"case": case_id, "document": report["document"]["id"]}


def highlighted_document(site: Site) -> str:
    """The document page with the denial's sentence cited, as the case page's quote link gives it."""
    with httpx.Client(base_url=site.url, timeout=30) as client:
        case_id = first_ids(site)["case"]
        detail = client.get(f"/api/cases/{case_id}").json()
    for report in detail["reports"]:
        for ev in report["evidence"]:
            if "denied" in ev["quote"]:
                end = ev["start"] + len(ev["quote"].rstrip())
                return f"/documents/{report['document']['id']}?hl={ev['start']}-{end}#ev-{ev['start']}"
    raise AssertionError("no denial quote")


# ---- axe-core on every page -------------------------------------------------------------------------------

AXE_PAGES: dict[str, str] = {
    "register": "/register",
    "register-errors": "/register?status=bogus&since=2024-13-45",
    "case": "/cases/{case}",
    "document": "{document_hl}",
    "actor": "/actors?name=Russia",
    "actors": "/actors?name=a",
    "network": "/network",
    "search": "/search?q=Su-57",
    "submit": "/submit",
    "sipri": "/sipri",
    "login": "/login",
    "error-404": "/cases/999999",
    "error-422": "/cases/abc",
}


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now: rule, impact, help and the first offending nodes."""
    page.add_script_tag(path=str(axe_script()))
    violations: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await window.axe.run(document, { resultTypes: ["violations"] });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }"""
    )
    return violations


@pytest.mark.parametrize(
    ("name", "width"),
    [(name, 1400) for name in AXE_PAGES] + [("register", 390), ("case", 390), ("document", 390)],
)
def test_axe_finds_no_serious_problem(site: Site, open_page: Any, name: str, width: int) -> None:
    axe_script()  # fail or skip before opening anything
    page = open_page(ViewportSize(width=width, height=900), bypass_csp=True)
    ids = first_ids(site)
    path = AXE_PAGES[name].format(case=ids["case"], document_hl=highlighted_document(site))
    page.goto(site.url + path)
    page.wait_for_load_state("load")
    if name == "network":
        page.wait_for_selector("#cy[data-ready=true]")
    violations = run_axe(page)
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    report = {"page": path, "width": width, "violations": violations}
    (AXE_REPORTS / f"{name}-{width}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(serious, indent=1)


def test_axe_is_installed_where_the_tests_expect_it() -> None:
    """The pinned axe-core is what node_modules holds (make test runs npm ci from package-lock.json)."""
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "pin an exact axe-core version"
    axe_script()
    installed = json.loads((AXE_JS.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned


# ---- the keyboard -----------------------------------------------------------------------------------------


def focused(page: Page) -> dict[str, Any]:
    info: dict[str, Any] = page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return { tag: el.tagName, cls: el.className, text: el.textContent.trim(),
                     href: el.getAttribute("href"), outline: style.outlineStyle,
                     outlineWidth: parseFloat(style.outlineWidth), top: box.top, height: box.height };
        }"""
    )
    return info


@pytest.mark.parametrize(
    "path", ["/register", "/cases/{case}", "/network", "/search?q=Su-57", "/submit", "/login", "/cases/abc"]
)
def test_the_first_tab_stop_is_a_visible_skip_link(site: Site, open_page: Any, path: str) -> None:
    page = open_page()
    page.goto(site.url + path.format(case=first_ids(site)["case"]))
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Skip to content" and first["href"] == "#main", first
    assert first["top"] >= 0 and first["height"] > 0, "the skip link shows when focused"
    assert first["outline"] == "solid" and first["outlineWidth"] >= 3, first
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('main') !== null")
    assert inside, focused(page)  # the next stop is in the page's content, past the menu


def test_the_keyboard_reaches_the_first_case_in_four_keys(site: Site, open_page: Any) -> None:
    page = open_page()
    page.goto(f"{site.url}/register")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to the cases"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    now = focused(page)
    first_case = page.locator("#register tbody a.case-link").first.get_attribute("href")
    assert now["href"] == first_case and "case-link" in now["cls"], now
    # every focused control has a visible ring, not the browser's thin default
    assert now["outline"] == "solid" and now["outlineWidth"] >= 3, now
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{first_case}")


# ---- phones -----------------------------------------------------------------------------------------------


def overflow(page: Page, selector: str) -> int:
    """How many pixels the element is wider than its box (0: no sideways scrolling)."""
    width: int = page.locator(selector).evaluate("e => e.scrollWidth - e.clientWidth")
    return width


def test_the_register_on_a_phone_shows_the_key_columns_and_folds_the_filters(
    site: Site, open_page: Any
) -> None:
    page = open_page(PHONE)
    page.goto(f"{site.url}/register")
    page.wait_for_selector("#register tbody tr")
    panel = page.locator("#filter-panel")
    assert panel.evaluate("p => p.open") is False, "the filters start folded on a phone"
    expect(page.locator("input[name=supplier]")).to_be_hidden()
    expect(panel.locator("summary")).to_be_visible()
    # the first case is on the first screen, and nothing needs sideways scrolling
    first_row = page.locator("#register tbody tr").first
    box = first_row.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    assert overflow(page, ".table-wrap") <= 0 and overflow(page, "html") <= 0
    contested = page.locator("#register tbody tr.contested", has_text="Su-57")
    for cell in ("a.case-link", "td.item", ".status", ".flag-contested"):
        target = contested.locator(cell).first
        expect(target).to_be_visible()
        cell_box = target.bounding_box()
        assert cell_box is not None and cell_box["x"] >= 0 and cell_box["x"] + cell_box["width"] <= 390, cell
    expect(contested.locator(".row-parties")).to_have_text("Russia → Algeria")
    expect(contested.locator("td.supplier")).to_be_hidden()  # the actor columns fold into the item's cell
    shot(page, "register-390")

    panel.locator("summary").click()  # unfolding shows the filters, which still work
    page.fill("input[name=supplier]", "Russia")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**supplier=Russia*")
    expect(page.locator("#filter-panel summary")).to_contain_text("1 on")
    expect(page.locator("#register tbody tr")).to_have_count(1)

    wide = open_page(WIDE)
    wide.goto(f"{site.url}/register")
    assert wide.locator("#filter-panel").evaluate("p => p.open") is True
    expect(wide.locator("input[name=supplier]")).to_be_visible()
    expect(wide.locator("#register tbody td.supplier").first).to_be_visible()
    expect(wide.locator("#register tbody .row-parties").first).to_be_hidden()
    shot(wide, "register-1400")


def test_a_case_reads_on_a_phone_and_on_a_wide_screen(site: Site, open_page: Any) -> None:
    case_id = first_ids(site)["case"]
    for viewport, name in ((PHONE, "case-390"), (WIDE, "case-1400")):
        page = open_page(viewport)
        page.goto(f"{site.url}/cases/{case_id}")
        expect(page.locator("#reports > li")).to_have_count(3)
        assert overflow(page, "html") <= 0, name
        expect(page.locator(".head-flags .flag-contested")).to_be_visible()
        shot(page, name)


# ---- the cited sentence -----------------------------------------------------------------------------------


def test_the_cited_sentence_stands_out_from_the_other_marks(site: Site, open_page: Any) -> None:
    page = open_page()
    page.goto(site.url + highlighted_document(site))
    mark = page.locator("mark.hl")
    expect(mark).to_have_count(1)
    expect(mark).to_be_in_viewport()
    # What the eye sees under the cited words: the first painted background above the text there.
    seen = page.evaluate(
        """() => {
            const mark = document.querySelector("mark.hl");
            const rect = mark.getClientRects()[0];
            let el = document.elementFromPoint(rect.left + 3, rect.top + rect.height / 2);
            const clear = (e) => getComputedStyle(e).backgroundColor === "rgba(0, 0, 0, 0)";
            while (el && clear(el)) { el = el.parentElement; }
            const evidence = document.querySelector("#article-text .ev:not(mark.hl .ev)");
            return { fill: getComputedStyle(el).backgroundColor, fromMark: el === mark || mark.contains(el),
                     frame: getComputedStyle(mark).boxShadow,
                     evidence: evidence ? getComputedStyle(evidence).backgroundColor : null,
                     hasEvidenceInside: mark.querySelector(".ev") !== null };
        }"""
    )
    assert seen["hasEvidenceInside"], seen  # the cited sentence is also an evidence span
    assert seen["fromMark"], seen  # before: the pale evidence shading covered the highlight
    assert seen["fill"] != seen["evidence"], seen
    assert seen["frame"] != "none" and "2px" in seen["frame"], seen
    expect(page.locator(".legend .hl-sample")).to_have_text("cited sentence")
    shot(page, "document-cited")


# ---- bad input --------------------------------------------------------------------------------------------

BAD_VALUES = [
    ("status=bogus", "status: unknown status 'bogus'"),
    ("since=2024-13-45", "since: '2024-13-45' is not a date"),
    ("until=2023-02-29", "until: '2023-02-29' is not a date"),
    ("type=tanks", "type: unknown event type 'tanks'"),
    ("category=boats", "category: unknown category 'boats'"),
    ("sort=colour", "sort: no column 'colour'"),
    ("order=sideways", "order: 'sideways' is not an order"),
    ("limit=7", "limit: '7' cases per page is not offered"),
    ("page=abc", "page: 'abc' is not a page number"),
    ("contested=perhaps", "contested: 'perhaps' is not a choice"),
    ("since=2025&until=2024", "since: 2025 is after the end date 2024"),
]


def test_every_bad_filter_value_gets_a_message(site: Site, page: Page) -> None:
    for query, message in BAD_VALUES:
        page.goto(f"{site.url}/register?{query}")
        expect(page.locator(".notice.error")).to_contain_text(message)
        # the bad value is left out and the rest of the register still shows
        expect(page.locator("#register tbody tr").first).to_be_visible()
    # a good value next to a bad one still filters
    page.goto(f"{site.url}/register?supplier=Russia&status=bogus")
    expect(page.locator(".notice.error")).to_have_count(1)
    expect(page.locator("#register tbody tr")).to_have_count(1)
    shot(page, "register-bad-filter")


def test_a_page_past_the_end_shows_the_last_page(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/register?limit=25")
    total = int(page.locator("#summary").inner_text().split()[0])
    page.goto(f"{site.url}/register?limit=25&page=999")
    summary = page.locator("#summary")
    expect(summary).to_contain_text(f"showing 1–{total}")
    expect(page.locator(".notice.error")).to_contain_text("showing page 1, the last")
    expect(page.locator("#register tbody tr")).to_have_count(total)
    # the CSV and the sort links carry no page, so they are whole whatever page was asked for
    assert "page=" not in (page.get_attribute("#csv-link", "href") or "")


def test_error_pages_are_html_with_a_way_back(site: Site, page: Page, console_errors: list[str]) -> None:
    for path, status, title, message in (
        ("/cases/abc", 422, "Cannot read this address", "case_id: 'abc' is not valid"),
        ("/cases/999999", 404, "Not found", "There is no case 999999."),
        ("/documents/0x1", 422, "Cannot read this address", "document_id: '0x1' is not valid"),
        ("/no/such/page", 404, "Not found", "There is no page at this address."),
    ):
        response = page.goto(site.url + path)
        assert response is not None and response.status == status, path
        assert response.headers["content-type"].startswith("text/html"), path
        expect(page.locator("h1")).to_have_text(title)
        expect(page.locator("#error-message")).to_contain_text(message)
    shot(page, "error-404")
    page.click("a:has-text('Back to the register')")
    page.wait_for_url("**/register")
    expect(page.locator("#register tbody tr").first).to_be_visible()
    # the browser logs each refused page load; those are the errors expected here
    console_errors[:] = [e for e in console_errors if not re.search(r"\b(404|422)\b", e)]


def test_a_refused_page_request_is_html_and_the_api_keeps_json(site: Site) -> None:
    """A NUL in a page's query is refused with the HTML error page; the API answers JSON 422s that say
    what was wrong with a filter value."""
    html = {"Accept": "text/html"}
    with client_for(site.store, Settings(token=None)) as client:
        nul = client.get("/register", params={"supplier": "a\x00b"}, headers=html)
        assert nul.status_code == 422 and nul.headers["content-type"].startswith("text/html")
        assert "NUL characters are not allowed" in nul.text and 'href="/register"' in nul.text
        for params, field, words in (
            ({"status": "bogus"}, "status", "unknown status 'bogus' for transfer; use one of intent"),
            ({"since": "2024-13-45"}, "since", "'2024-13-45' is not a date"),
            ({"type": "tanks"}, "type", "unknown event type 'tanks'"),
            ({"category": "boats"}, "category", "unknown category 'boats'"),
            ({"type": "agreement", "status": "delivery"}, "status", "for agreement; use one of proposed"),
            ({"since": "2025", "until": "2024"}, None, "since: 2025 is after the end date 2024"),
        ):
            response = client.get("/api/register", params=params)
            assert response.status_code == 422, (params, response.text)
            assert response.headers["content-type"].startswith("application/json")
            (error,) = response.json()["detail"]
            assert field is None or field in error["loc"], error
            assert words in error["msg"], error
        for good in ({"type": "agreement", "status": "signed"}, {"type": "all", "status": "signed"}):
            assert client.get("/api/register", params=good).status_code == 200, good
        assert client.get("/api/register", params={"since": "2024-02-29"}).status_code == 200
