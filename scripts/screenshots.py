#!/usr/bin/env python
"""Screenshots of the main pages for the README, taken with the system's Chromium.

Start the demo first (`make run`), then: .venv/bin/python scripts/screenshots.py [BASE_URL]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PAGES = [
    ("home", "/", False),
    ("dashboard", "/staff/dashboard/?as_of=21/09/2020&from_year=2010&to_year=2020", True),
    ("summary", "/staff/summary/?as_of=21/09/2020&from_year=2010&to_year=2020&language=vi", True),
    ("trade", "/trade/", False),
    ("map", "/map/", False),
    ("projects", "/staff/investments/?as_of=2020-09-21", True),
    ("documents", "/documents/?q=dong+dang", False),
    ("investing-zh", "/zh-hans/investing/", False),
    ("dossier", "/staff/investments/4300000004/dossier/", True),
    ("inspection", "/staff/inspections/1/", True),
]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN").new_page()
        page.goto(BASE + "/accounts/login/")
        page.fill("#id_username", "lanhdao")
        page.fill("#id_password", "caobang-demo-2026")
        page.click("form.form button[type=submit]")
        for name, path, _staff in PAGES:
            page.goto(BASE + path)
            page.wait_for_timeout(1200)
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
