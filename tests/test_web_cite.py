"""Citing from the pages, in real headless Chromium (issue 13, items 1, 3 and 4): the register names who
denied each case and sums up the stances; a case page carries a citation block (facts, every source with
its outlet, date, URL, stance and quote, a stable URL, the text to copy, CSL-JSON and evidence downloads)
and never names a source by a hash; downloads are named after their filters and the day; and the deal-date
filters keep undated cases by default and say so, or say how many they hide."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

import test_web_pages as web
from armswatch.store import open_store
from armswatch.web.app import Settings, create_app
from cite_data import SUBMITTED_KEY, fill
from conftest import ROOT
from test_web_pages import SCREENSHOTS, TIMEOUT_MS, TOKEN, LiveServer, Site

# The page tests' browser and page, by name; the site is this module's own (hand-made cases, no model).
browser = web.browser
page = web.page
console_errors = web.console_errors

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TODAY = datetime.now(UTC).date().isoformat()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("web-cite")
    store = open_store(f"sqlite:///{folder / 'armswatch.db'}")
    fill(store)
    app = create_app(Settings(token=TOKEN), store)
    with LiveServer(app) as url:
        yield Site(url, store, app)
    store.engine.dispose()


def drone_case(site: Site) -> int:
    rows = httpx.get(f"{site.url}/api/register", params={"recipient": "Azerbaijan"}).json()["rows"]
    return int(rows[0]["case"])


def shot_at(page: Page, name: str, width: int) -> Path:
    page.set_viewport_size({"width": width, "height": 900})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def test_register_names_who_denied_and_sums_up_the_stances(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/register?supplier=Turkey")
    row = page.locator("#register tbody tr", has_text="Azerbaijan")
    expect(row.locator("td.denied-by")).to_have_text("Turkish foreign ministry")
    expect(row.locator("td.stances")).to_have_text("claimed by 2, confirmed by 1, denied by 1")
    expect(page.locator("#register thead th", has_text="Denied by")).to_be_visible()
    other = page.locator("#register tbody tr", has_text="Ukraine")
    expect(other.locator("td.denied-by")).to_have_text("")
    expect(other.locator("td.stances")).to_have_text("asserted by 1")


def test_case_page_has_a_citation_block_to_copy_and_import(site: Site, page: Page, browser: Browser) -> None:
    case = drone_case(site)
    page.goto(f"{site.url}/cases/{case}")
    cite = page.locator("#cite")
    expect(cite.locator("h2")).to_have_text("Cite this case")
    expect(page.locator("#cite-url")).to_have_attribute("href", f"{site.url}/cases/{case}")
    expect(page.locator("#stance-summary")).to_have_text("claimed by 2, confirmed by 1, denied by 1")
    expect(page.locator("#denied-by")).to_contain_text("Turkish foreign ministry")
    sources = page.locator("#cite-sources > li")
    expect(sources).to_have_count(4)
    outlets = [t.strip() for t in page.locator("#cite-sources .cite-outlet").all_inner_texts()]
    assert outlets == ["Middle East Eye", "example-news.org", "Caspian Wire", "Ankara Daily"]
    denial = sources.nth(3)
    expect(denial.locator(".badge")).to_have_text("denied")
    expect(denial).to_contain_text("Turkey's foreign ministry denied")
    expect(denial.locator("a.cite-link")).to_have_attribute("href", "https://ankaradaily.example/denial")
    text = page.input_value("#cite-text")
    assert f"{site.url}/cases/{case}" in text and "claimed by 2, confirmed by 1, denied by 1" in text
    assert SUBMITTED_KEY not in page.content()  # never "per 915c206827607c2e"
    expect(page.locator(".facts")).to_contain_text("per example-news.org, Middle East Eye")
    for width in (1400, 390):
        shot_at(page, "case-citation", width)

    # The CSL-JSON link is what a reference manager imports.
    with page.expect_download() as downloaded:
        page.click("#csl-link")
    assert downloaded.value.suggested_filename == f"armswatch-case-{case}-{TODAY}.json"
    items = json.loads(Path(downloaded.value.path()).read_text(encoding="utf-8"))
    assert [i["type"] for i in items] == ["dataset"] + ["article-newspaper"] * 4
    assert items[1]["container-title"] == "Middle East Eye" and items[1]["issued"] == {
        "date-parts": [[2020, 10, 1]]
    }
    assert items[0]["URL"] == f"{site.url}/cases/{case}"

    with page.expect_download() as downloaded:
        page.click("#evidence-csv-link")
    assert downloaded.value.suggested_filename == f"armswatch-case-{case}-evidence-{TODAY}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(downloaded.value.path()).read_text(encoding="utf-8"))))
    assert [r["stance"] for r in rows] == ["claimed", "claimed", "confirmed", "denied"]

    if AXE_JS.exists():  # the new markup (labels, table headers, caption) passes axe-core
        context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        checked = context.new_page()
        checked.set_default_timeout(TIMEOUT_MS)
        checked.goto(f"{site.url}/cases/{case}")
        checked.add_script_tag(path=str(AXE_JS))
        violations: list[dict[str, Any]] = checked.evaluate(
            """async () => (await window.axe.run(document.querySelector('#cite'),
                   { resultTypes: ['violations'] })).violations
                   .filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => ({ id: v.id, nodes: v.nodes.map(n => n.target.join(' ')) }))"""
        )
        context.close()
        assert violations == []


def test_register_download_is_named_after_its_filters_and_the_day(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/register?supplier=Turkey")
    with page.expect_download() as downloaded:
        page.click("#csv-link")
    assert downloaded.value.suggested_filename == f"armswatch-register-transfer-supplier-turkey-{TODAY}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(downloaded.value.path()).read_text(encoding="utf-8"))))
    drones = next(r for r in rows if r["recipient"] == "Azerbaijan")
    assert drones["denied_by"] == "Turkish foreign ministry"
    assert "Middle East Eye, 2020-10-01, https://www.middleeasteye.net" in drones["source_list"]
    with page.expect_download() as downloaded:
        page.click("#sources-csv-link")
    assert downloaded.value.suggested_filename.startswith(
        "armswatch-register-sources-transfer-supplier-turkey-"
    )


def test_deal_date_filter_keeps_undated_cases_and_says_when_it_hides_them(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/register")
    expect(page.locator("#undated-choice")).to_contain_text("1 with no deal date")
    expect(page.locator("input[name=undated][type=checkbox]")).to_be_checked()
    page.fill("input[name=deal_since]", "2020")
    page.fill("input[name=deal_until]", "2020")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**deal_since=2020*")
    recipients = [t.strip() for t in page.locator("#register tbody td.recipient").all_inner_texts()]
    assert sorted(recipients) == ["Algeria", "Azerbaijan"]  # the undated Su-57 order stays, by default
    expect(page.locator(".date-note")).to_contain_text("1 undated case (no deal date) is included")

    page.uncheck("input[name=undated][type=checkbox]")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**undated=0*")
    expect(page.locator("#register tbody td.recipient")).to_have_text(["Azerbaijan"])
    expect(page.locator(".date-note")).to_have_text("1 undated case is hidden by the deal-date filter.")
    expect(page.locator("input[name=undated][type=checkbox]")).not_to_be_checked()

    # The report dates are their own filter: the Su-57 order was reported in 2021.
    page.goto(f"{site.url}/register?since=2021")
    expect(page.locator("#register tbody td.recipient")).to_have_text(["Algeria"])
