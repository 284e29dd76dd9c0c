"""What the review desk's browser tests and ``scripts/desk_screenshot.py`` share: a small store
with three events (one of them from a hostile article), the real ``dateline serve`` in a
subprocess, and a headless Chromium driven through Debian's chromedriver.

Nothing is downloaded: the driver is ``/usr/bin/chromedriver`` given to Selenium's ``Service``
(so Selenium Manager never runs) and the browser ``/usr/bin/chromium``, both from Debian's
``chromium`` and ``chromium-driver`` packages (``.ci/run`` installs them when missing).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

from dateline.model import Article, Event, Span
from dateline.store.db import Store
from dateline.store.review import QueueFilter, ReviewDesk

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: `dateline serve` loads the gazetteer before it listens: slow on a busy machine
SERVER_START_S = 90.0

ADMIN = ("ada", "admin-pass-1")
CODER = ("cody", "coder-pass-1")

BALAD_TEXT = (
    "MOGADISHU, April 2 (Reuters) - Al Shabaab fighters clashed with Somali troops in Balad on "
    "Tuesday, killing five soldiers, officials said. The fighting near the town's bridge lasted "
    "several hours, residents told Reuters by phone."
)
NAIROBI_TEXT = (
    "NAIROBI, April 4 (AFP) - Police fired tear gas at hundreds of traders protesting new market "
    "levies in Nairobi's central business district on Thursday; no one was hurt, police said."
)
HOSTILE_SCRIPT = '<script>document.title="pwned"</script>'
HOSTILE_TEXT = (
    f"Protesters marched in Kano on Wednesday. {HOSTILE_SCRIPT} "
    "<img src=x onerror=\"document.title='pwned'\"> "
    "<a href=\"javascript:document.title='pwned'\">details</a> The march ended peacefully."
)


def span(text: str, phrase: str) -> Span:
    s = text.index(phrase)
    return Span(s, s + len(phrase), phrase)


def balad_event(
    article_id: str = "reuters-1", text: str = BALAD_TEXT, fatalities: int = 5, confidence: float = 0.9
) -> Event:
    """The clash at Balad as a report's coded event, its evidence in ``text``."""
    ev = Event(
        article_id=article_id,
        event_date="2024-04-02",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Al Shabaab",
        inter1=2,
        actor2="Military Forces of Somalia (2022-)",
        inter2=1,
        interaction=12,
        iso=706,
        iso2="SO",
        country="Somalia",
        admin1="Middle Shabele",
        location="Balad",
        latitude=2.358,
        longitude=45.386,
        geo_precision=1,
        fatalities=fatalities,
        source="Reuters",
        notes="On 2 April 2024, Al Shabaab fighters clashed with Somali troops in Balad. 5 fatalities.",
        confidence=confidence,
    )
    ev.add_evidence("actor1", span(text, "Al Shabaab"))
    ev.add_evidence("location", span(text, "Balad"))
    ev.add_evidence("fatalities", span(text, "killing five soldiers"))
    return ev


def _nairobi() -> Event:
    ev = Event(
        article_id="afp-1",
        event_date="2024-04-04",
        time_precision=1,
        disorder_type="Demonstrations",
        event_type="Protests",
        sub_event_type="Protest with intervention",
        actor1="Protesters (Kenya)",
        inter1=6,
        actor2="Police Forces of Kenya (2022-)",
        inter2=1,
        interaction=16,
        iso=404,
        iso2="KE",
        country="Kenya",
        admin1="Nairobi",
        location="Nairobi",
        latitude=-1.2833,
        longitude=36.8167,
        geo_precision=1,
        fatalities=0,
        source="AFP",
        confidence=0.95,
    )
    ev.add_evidence("location", span(NAIROBI_TEXT, "Nairobi's central business district"))
    return ev


def kano_event(article_id: str = "kano-1", text: str = HOSTILE_TEXT) -> Event:
    """The march in Kano as coded from a hostile article, its evidence in ``text``."""
    ev = Event(
        article_id=article_id,
        event_date="2024-04-03",
        time_precision=1,
        disorder_type="Demonstrations",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Nigeria)",
        inter1=6,
        iso=566,
        iso2="NG",
        country="Nigeria",
        admin1="Kano",
        location="Kano",
        latitude=12.0,
        longitude=8.517,
        geo_precision=1,
        confidence=0.3,
    )
    ev.add_evidence("location", span(text, "Kano"))
    return ev


@dataclass(frozen=True)
class DeskData:
    url: str
    #: the open queue's events, most in need of review first: Kano (hostile), Balad, Nairobi
    queue: list[int]
    ids: dict[str, int]  # by location


def build_store(folder: Path) -> DeskData:
    """A SQLite store in ``folder`` with three coded articles and an admin and a coder."""
    url = f"sqlite:///{folder / 'desk.db'}"
    with Store.open(url) as store:
        for aid, outlet, title, text, day, ev in (
            ("reuters-1", "Reuters", "Al Shabaab clash in Balad", BALAD_TEXT, "2024-04-02", balad_event()),
            (
                "kano-1",
                "Kano Post",
                f"March in Kano {HOSTILE_SCRIPT}",
                HOSTILE_TEXT,
                "2024-04-03",
                kano_event(),
            ),
            ("afp-1", "AFP", "Tear gas at Nairobi traders", NAIROBI_TEXT, "2024-04-04", _nairobi()),
        ):
            published = date.fromisoformat(day)
            article = Article(id=aid, text=text, published=published, title=title, outlet=outlet)
            store.write_article(article, aid, [ev])
        desk = ReviewDesk(store)
        desk.add_user(ADMIN[0], "admin", ADMIN[1])
        desk.add_user(CODER[0], "coder", CODER[1])
        items, _ = desk.queue(QueueFilter(status="open"), 0, 100)
    return DeskData(
        url=url,
        queue=[it.cluster_id for it in items],
        ids={it.event.location or "": it.cluster_id for it in items},
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def desk_server(db_url: str, log: Path, timeout: float = SERVER_START_S) -> Iterator[str]:
    """``dateline serve`` over ``db_url`` on a free port, until /login answers; its base URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "dateline.cli.main", "serve", "--db", db_url, "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"dateline serve exited {proc.returncode}: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(base + "/login", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"dateline serve did not answer in {timeout:.0f} s: {log.read_text()}")
            time.sleep(0.25)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    for p in (CHROMIUM, CHROMEDRIVER):
        if not os.access(p, os.X_OK):
            return f"{p} is missing: install Debian's chromium and chromium-driver (.ci/run does)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -r requirements.lock)"
    return None


@contextmanager
def chromium(profile: Path, width: int = 1400, height: int = 1000) -> Iterator[WebDriver]:
    """A headless Chromium from Debian's packages; never Selenium Manager, never a download."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.selenium_manager import SeleniumManager

    os.environ["SE_AVOID_STATS"] = "true"  # Selenium's usage statistics: off
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)

    def no_manager(*args: object, **kwargs: object) -> dict[str, str]:
        raise AssertionError("Selenium Manager must not run: the driver is Debian's chromedriver")

    with mock.patch.object(SeleniumManager, "binary_paths", no_manager):
        driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        driver.set_page_load_timeout(30)
        yield driver
    finally:
        driver.quit()


def log_in(driver: WebDriver, base: str, name: str, password: str) -> None:
    """Log in through the desk's form, as a person would."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base + "/login")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    WebDriverWait(driver, 15).until(ec.url_to_be(base + "/"))
