"""The README's picture of the review desk: docs/desk-event.png.

Builds the browser tests' small store (tests/desk_browser.py) in a scratch folder, serves it with
`dateline serve`, logs in through the form in headless Chromium (Debian's chromium and
chromium-driver, nothing downloaded), opens an event, lights a field's evidence and saves the page.

Usage: python scripts/desk_screenshot.py [--field location] [--out docs/desk-event.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from desk_browser import (  # noqa: E402  (the tests' folder first)
    CODER,
    browser_missing,
    build_store,
    chromium,
    desk_server,
    log_in,
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--field", default="location", help="the field whose evidence is lit")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "desk-event.png")
    args = ap.parse_args()
    missing = browser_missing()
    if missing:
        print(f"desk_screenshot: {missing}", file=sys.stderr)
        return 1
    from selenium.webdriver.common.by import By

    with tempfile.TemporaryDirectory(prefix="dateline-desk-shot-") as tmp:
        folder = Path(tmp)
        data = build_store(folder)
        with desk_server(data.url, folder / "serve.log") as base, chromium(folder / "profile") as driver:
            log_in(driver, base, *CODER)
            driver.get(f"{base}/events/{data.ids['Balad']}?from=")
            driver.find_element(By.CSS_SELECTOR, f"a.field-link[data-field='{args.field}']").click()
            lit = driver.find_elements(By.CSS_SELECTOR, "mark.ev.lit")
            if not lit:
                print(f"desk_screenshot: no evidence lit for {args.field!r}", file=sys.stderr)
                return 1
            driver.execute_script("window.scrollTo(0, 0)")  # the page's head, record and report
            args.out.parent.mkdir(parents=True, exist_ok=True)
            if not driver.save_screenshot(str(args.out)):
                print("desk_screenshot: the browser took no screenshot", file=sys.stderr)
                return 1
    print(f"desk_screenshot: {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
