"""The review desk in a real browser: Debian's Chromium, headless, through Debian's chromedriver,
against the real ``dateline serve`` over a small SQLite store.

An analyst logs in through the form, walks the queue by keyboard, opens an event, lights a
field's evidence, edits the place and finds the change in the audit table, approves with a key;
and a hostile article's script never runs. Without Chromium these tests skip, unless ``CI`` is
set: then they fail (``.ci/run`` installs ``chromium`` and ``chromium-driver``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from dateline.store.db import Store
from dateline.store.review import ReviewDesk
from desk_browser import (
    CODER,
    HOSTILE_SCRIPT,
    DeskData,
    browser_missing,
    build_store,
    chromium,
    desk_server,
    log_in,
)

try:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # reported by the `desk` fixture: a failure under CI, a skip elsewhere
    pass


@dataclass
class Desk:
    base: str
    data: DeskData
    driver: WebDriver

    def store_desk(self) -> ReviewDesk:
        return ReviewDesk(Store.open(self.data.url))


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    missing = browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run in CI: {missing}")
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("desk-browser")
    data = build_store(folder)
    with desk_server(data.url, folder / "serve.log") as base, chromium(folder / "profile") as driver:
        yield Desk(base, data, driver)


def _wait(driver: WebDriver, path: str, query: str | None = None) -> None:
    """Until the browser shows ``path`` (and ``query``, when given), fully loaded."""

    def there(d: WebDriver) -> bool:
        url = urlsplit(d.current_url)
        return (
            url.path == path
            and (query is None or url.query == query)
            and d.execute_script("return document.readyState") == "complete"
        )

    WebDriverWait(driver, 20).until(there)


def _press(driver: WebDriver, keys: str) -> None:
    driver.find_element(By.TAG_NAME, "body").send_keys(keys)


def _event_page(d: Desk, location: str) -> int:
    cid = d.data.ids[location]
    d.driver.get(f"{d.base}/events/{cid}?from=")
    _wait(d.driver, f"/events/{cid}")
    return cid


def _cells(row: WebElement) -> list[str]:
    return [td.text for td in row.find_elements(By.TAG_NAME, "td")]


def test_log_in_through_the_form(desk: Desk) -> None:
    driver = desk.driver
    driver.get(desk.base + "/")
    _wait(driver, "/login")  # the queue needs a login
    assert driver.find_element(By.NAME, "csrf").get_attribute("value")
    driver.find_element(By.NAME, "name").send_keys(CODER[0])
    driver.find_element(By.NAME, "password").send_keys("not-the-password")
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    WebDriverWait(driver, 15).until(ec.presence_of_element_located((By.CSS_SELECTOR, "p.error")))
    assert driver.find_element(By.CSS_SELECTOR, "p.error").text == "Wrong name or password."
    log_in(driver, desk.base, *CODER)
    assert driver.find_element(By.ID, "left").text == "3 events left to review"
    assert driver.get_cookie("dateline_session") is not None


def test_walk_the_queue_by_keyboard_and_open_the_second_event(desk: Desk) -> None:
    driver = desk.driver
    driver.get(desk.base + "/")
    _wait(driver, "/")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.queue tr.row")
    assert len(rows) == 3 and "selected" in (rows[0].get_attribute("class") or "")
    _press(driver, "j")
    assert ["selected" in (r.get_attribute("class") or "") for r in rows] == [False, True, False]
    _press(driver, "jk")  # down to the last, back up to the second
    assert "selected" in (rows[1].get_attribute("class") or "")
    _press(driver, "o")
    second = desk.data.queue[1]
    assert second == desk.data.ids["Balad"]  # Kano (confidence 0.3) comes first
    _wait(driver, f"/events/{second}")
    assert driver.find_element(By.ID, "review-status").text == "unreviewed"
    record = {
        th.text: td.text
        for th, td in zip(
            driver.find_elements(By.CSS_SELECTOR, "table.fields th"),
            driver.find_elements(By.CSS_SELECTOR, "table.fields td"),
            strict=True,
        )
    }
    assert record["location"] == "Balad" and record["actor1"] == "Al Shabaab"


def test_a_field_link_lights_its_evidence(desk: Desk) -> None:
    driver = desk.driver
    cid = _event_page(desk, "Balad")
    url = driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, "mark.ev.lit") == []
    driver.find_element(By.CSS_SELECTOR, "a.field-link[data-field='location']").click()
    lit = driver.find_elements(By.CSS_SELECTOR, "mark.ev.lit")
    assert [m.text for m in lit] == ["Balad"]
    assert lit[0].get_attribute("data-fields") == "location"
    assert "lit" in (driver.find_element(By.ID, "field-location").get_attribute("class") or "")
    assert driver.current_url == url  # lit in place, no reload
    # scrolled into view, and painted differently from an unlit mark
    top, bottom = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom];", lit[0]
    )
    assert top >= 0 and bottom <= driver.execute_script("return window.innerHeight")
    unlit = driver.find_element(By.CSS_SELECTOR, "mark.ev:not(.lit)")
    assert lit[0].value_of_css_property("background-color") != unlit.value_of_css_property("background-color")
    # another field takes the light
    driver.find_element(By.CSS_SELECTOR, "a.field-link[data-field='actor1']").click()
    assert [m.text for m in driver.find_elements(By.CSS_SELECTOR, "mark.ev.lit")] == ["Al Shabaab"]
    assert "lit" not in (driver.find_element(By.ID, "field-location").get_attribute("class") or "")
    assert cid == desk.data.ids["Balad"]


def test_e_focuses_the_edit_form(desk: Desk) -> None:
    driver = desk.driver
    _event_page(desk, "Balad")
    _press(driver, "e")
    active = driver.switch_to.active_element
    assert active.get_attribute("name") == "event_date"
    assert active.find_element(By.XPATH, "ancestor::form").get_attribute("id") == "edit-form"


def test_edit_the_place_and_find_the_audit_entry(desk: Desk) -> None:
    driver = desk.driver
    cid = _event_page(desk, "Balad")
    place = driver.find_element(By.ID, "edit-location")
    assert place.get_attribute("value") == "Balad"
    place.clear()
    place.send_keys("Afgooye")
    driver.find_element(By.ID, "edit-reason").send_keys("the report names Afgooye")
    driver.find_element(By.ID, "save").click()
    _wait(driver, f"/events/{cid}", "from=&saved=1")  # back on the page, still in the queue walk
    assert driver.find_element(By.CSS_SELECTOR, "p.notice").text == "Saved."
    assert driver.find_element(By.CSS_SELECTOR, "#field-location td").text == "Afgooye"
    assert driver.find_element(By.ID, "review-status").text == "edited"
    rows = [_cells(r) for r in driver.find_elements(By.CSS_SELECTOR, "table.audit tbody tr")]
    # exactly one change: the place (the form's other, untouched fields are no change)
    assert [r[1:] for r in rows] == [["cody", "location", "Balad", "Afgooye", "the report names Afgooye"]]
    entries = desk.store_desk().audit(cid)
    assert [(a.field, a.old, a.new, a.user) for a in entries] == [("location", "Balad", "Afgooye", "cody")]


def test_a_approves_and_moves_to_the_next_event(desk: Desk) -> None:
    driver = desk.driver
    cid = _event_page(desk, "Balad")
    _press(driver, "a")
    # on to the event after it in the queue (Nairobi), not back to its top (Kano)
    _wait(driver, f"/events/{desk.data.queue[2]}", "from=")
    assert desk.data.queue[2] == desk.data.ids["Nairobi"]
    review = desk.store_desk().review(cid)
    assert review.status == "approved"
    driver.get(f"{desk.base}/events/{cid}")
    _wait(driver, f"/events/{cid}")
    assert driver.find_element(By.ID, "review-status").text == "approved"
    # the analyst's place stands, and the approval is in the audit table too
    assert driver.find_element(By.CSS_SELECTOR, "#field-location td").text == "Afgooye"
    fields = [_cells(r)[2] for r in driver.find_elements(By.CSS_SELECTOR, "table.audit tbody tr")]
    assert sorted(fields) == ["location", "review_status"]


def test_a_hostile_article_runs_no_script(desk: Desk) -> None:
    driver = desk.driver
    cid = _event_page(desk, "Kano")
    ev = desk.store_desk().event(cid)
    assert ev is not None
    assert driver.title == f"{ev.event_id_cnty or cid} · dateline desk"
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018  (the property raises when no alert is open)
    text = driver.find_element(By.CSS_SELECTOR, "article.report .text")
    assert HOSTILE_SCRIPT in text.text and "<img src=x onerror=" in text.text
    assert HOSTILE_SCRIPT in driver.find_element(By.CSS_SELECTOR, "article.report h3").text
    assert driver.find_elements(By.CSS_SELECTOR, "article.report img, article.report script") == []
    assert driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript:']") == []
    scripts = [s.get_attribute("src") for s in driver.find_elements(By.TAG_NAME, "script")]
    assert scripts == [f"{desk.base}/static/desk.js"]
    # the desk's own script still runs on the page
    driver.find_element(By.CSS_SELECTOR, "a.field-link[data-field='location']").click()
    assert [m.text for m in driver.find_elements(By.CSS_SELECTOR, "mark.ev.lit")] == ["Kano"]
    assert driver.title == f"{ev.event_id_cnty or cid} · dateline desk"
