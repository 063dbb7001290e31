"""The register page's Maker column in real Chromium (issue 15): a transfer's supplier is a state and its
company shows as the maker, the supplier filter finds a deal by its maker, and at phone width the column
folds away like the other secondary columns."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

import test_web_pages as web
from test_web_pages import TIMEOUT_MS, Site, shot

# The page tests' live server (its own instance for this module) and browser, by name.
site = web.site
browser = web.browser

PHONE = ViewportSize(width=390, height=844)
WIDE = ViewportSize(width=1400, height=900)


@pytest.fixture
def pages(browser: Browser) -> Iterator[dict[str, Page]]:
    """A page at phone width and one on a wide screen; no script error may happen on either."""
    errors: list[str] = []
    contexts = [browser.new_context(viewport=v) for v in (PHONE, WIDE)]
    opened = {}
    for name, context in zip(("phone", "wide"), contexts, strict=True):
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        opened[name] = page
    yield opened
    for context in contexts:
        context.close()
    assert not errors, f"errors in the browser console: {errors}"


def test_the_register_shows_the_maker_beside_the_states(site: Site, pages: dict[str, Page]) -> None:
    page = pages["wide"]
    # "... 180 K2 Black Panther tanks from South Korea's Hyundai Rotem": the state supplies, the company makes
    page.goto(f"{site.url}/register?supplier=Hyundai+Rotem")
    row = page.locator("#register tbody tr")
    expect(row).to_have_count(1)  # the maker's name finds its deal
    expect(page.locator("#register thead th", has_text="Maker")).to_be_visible()
    expect(row.locator("td.supplier")).to_have_text("South Korea")
    expect(row.locator("td.recipient")).to_have_text("Poland")
    expect(row.locator("td.maker")).to_have_text("Hyundai Rotem")
    shot(page, "register-maker-1400")

    page.goto(f"{site.url}/register")  # every transfer: the Su-57's maker comes from the catalog
    contested = page.locator("#register tbody tr", has_text="Su-57")
    expect(contested.locator("td.maker")).to_have_text("Sukhoi")
    page.click("#register thead a:has-text('Maker')")  # a sortable column, like the others
    page.wait_for_url("**sort=maker*")
    contested.locator("td.maker a").click()  # the maker's actor page lists the deals it made
    page.wait_for_url("**/actors/*")  # the name redirects to the actor's own page
    expect(page.locator("h1")).to_contain_text("Sukhoi")
    expect(page.locator("main")).to_contain_text("Su-57")

    phone = pages["phone"]
    phone.goto(f"{site.url}/register")
    phone.wait_for_selector("#register tbody tr")
    expect(phone.locator("#register thead th", has_text="Maker")).to_be_hidden()
    for cell in phone.locator("#register tbody td.maker").all():
        expect(cell).to_be_hidden()  # a secondary column: folded away on a phone
    expect(phone.locator("#register tbody td.item").first).to_be_visible()
    scroll = phone.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert scroll <= 0, "the register needs no sideways scrolling on a phone"
    shot(phone, "register-maker-390")
