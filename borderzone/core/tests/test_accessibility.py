"""WCAG 2.1 AA checked by axe-core (vendored for the tests, MPL-2.0) in the system's Chromium on every
page a visitor, an investor-to-be and the board's staff reach from the menus of the demo zone."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from borderzone.accounts.demo import DEMO_PASSWORD, demo_code

pytestmark = [pytest.mark.browser, pytest.mark.walk, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIP = (
    "/accounts/logout",
    "/api/",
    "/feeds/",
    ".xml",
    ".pdf",
    ".xlsx",
    ".csv",
    "/download",
    "/export",
    "/set-language",
)


def _links(page, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    paths = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "tel:")):
            continue
        parsed = urlparse(href)
        if parsed.netloc and parsed.hostname not in ("127.0.0.1", "localhost"):
            continue
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        if path.startswith("/") and not any(s in path for s in SKIP):
            paths.append(path)
    return paths


def _violations(page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the pages' CSP (script-src 'self') does not govern.
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


def _audit(page, start: list[str], limit: int) -> tuple[list[str], dict[str, list[str]]]:
    """Visit the start pages, then the pages their menus and first content links lead to."""
    seen: list[str] = []
    queue = list(start)
    problems: dict[str, list[str]] = {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        response = page.goto(page.base_url + path)
        assert response is not None and response.status < 400, f"{path}: {response and response.status}"
        found = _violations(page)
        if found:
            problems[path] = found
        if len(seen) <= len(start):
            # From the starting pages, follow the menus and the first few links of the content.
            queue += _links(page, "nav a") + _links(page, "main a")[:6]
    return seen, problems


def test_public_and_staff_pages_meet_wcag_21_aa(page, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    call_command("load_demo", stdout=StringIO())
    seen, public = _audit(page, ["/", "/en/", "/zh-hans/"], limit=30)
    assert len(seen) == 30 and {"/documents/", "/en/news/"} <= set(seen), seen
    assert public == {}, "\n".join(f"{p}: {v}" for p, vs in public.items() for v in vs)

    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.get_by_label("Mã dùng một lần").fill(demo_code())
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.wait_for_url(page.base_url + "/staff/")
    seen, staff = _audit(page, ["/staff/", "/staff/dashboard/?as_of=21/09/2020&from_year=2010&to_year=2020"], limit=25)
    assert len(seen) == 25, seen
    assert staff == {}, "\n".join(f"{p}: {v}" for p, vs in staff.items() for v in vs)

    # The check itself finds what it should: a field without a label and an image without a text.
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text><img src=/static/x.png>')"
    )
    assert {v.split(" ")[0] for v in _violations(page)} >= {"label", "image-alt"}
