#!/usr/bin/env python
"""Screenshots of the main pages for the README, taken with the system's Chromium: the desktop pages
(1280 px wide) signed in as the demo leader, the home page for a visitor, and the home and a staff page
on a phone (390 px wide), with the menu closed and open.

Start the demo first (`make run`), then: .venv/bin/python scripts/screenshots.py [BASE_URL]
"""

import hashlib
import hmac
import struct
import sys
import time
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
# The demo accounts' authenticator key (borderzone/accounts/demo.py: DEMO_TOTP_KEY, hex).
DEMO_TOTP_HEX = "3132333435363738393031323334353637383930"
PAGES = [
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
# (file, path, signed in, open the menu) on a 390 px wide phone.
PHONE_PAGES = [
    ("home-phone", "/", False, False),
    ("home-phone-menu", "/", False, True),
    ("dashboard-phone", "/staff/dashboard/?as_of=21/09/2020&from_year=2010&to_year=2020", True, False),
    ("staff-phone-menu", "/staff/", True, True),
]


def totp(key_hex: str, step: int = 30, digits: int = 6) -> str:
    """The code the demo authenticator shows now (RFC 6238, as django-otp computes it)."""
    counter = struct.pack(">Q", int(time.time()) // step)
    mac = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"


def sign_in(page, username: str) -> None:
    page.goto(BASE + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "caobang-demo-2026")
    page.click("form.form button[type=submit]")
    code = page.locator("input[name=otp_token], input[autocomplete=one-time-code]")
    if code.count():
        code.first.fill(totp(DEMO_TOTP_HEX))
        page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("load")


def shoot(page, name: str, path: str, *, menu: bool = False, full: bool = False) -> None:
    page.goto(BASE + path)
    page.wait_for_timeout(1200)
    if menu:
        page.click(".menu-toggle")
        page.wait_for_timeout(200)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=full)
    print(OUT / f"{name}.png")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        visitor = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN").new_page()
        shoot(visitor, "home", "/", full=True)
        page = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN").new_page()
        sign_in(page, "lanhdao")
        for name, path, _staff in PAGES:
            shoot(page, name, path)
        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True, has_touch=True
        ).new_page()
        for name, path, staff, menu in PHONE_PAGES:
            if staff and "/staff/" not in phone.url:
                sign_in(phone, "lanhdao")
            shoot(phone, name, path, menu=menu, full=not menu)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
