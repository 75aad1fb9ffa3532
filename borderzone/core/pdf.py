"""PDF documents from templates with WeasyPrint: A4, the Noto Sans fonts embedded (every Vietnamese
diacritic prints), page numbers, the board's name and the document's date on every page.

Static files are read from the app's own static folders; any other URL is refused, so rendering
never reaches the network.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# Static files are named under this never-resolved host; the fetcher maps them to our static folders.
STATIC_PREFIX = "https://static.borderzone.invalid/"


class FetchRefused(ValueError):
    pass


def _static_response(url: str) -> Any:
    """The bytes of a static file named by a bzstatic:/ URL, or a data: URL; nothing else."""
    from weasyprint.urls import URLFetcherResponse

    if url.startswith(STATIC_PREFIX):
        path = finders.find(url[len(STATIC_PREFIX) :].lstrip("/"))
        if path:
            with open(str(path), "rb") as fh:
                mime = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=fh.read(), headers={"Content-Type": mime})
    if url.startswith("data:"):
        import base64
        from urllib.parse import unquote

        header, _, payload = url[5:].partition(",")
        body = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
        return URLFetcherResponse(url, body=body, headers={"Content-Type": header.split(";")[0] or "text/plain"})
    raise FetchRefused(f"PDF rendering does not fetch {url[:80]}")


def _url_fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):  # typed by typings/weasyprint
        def fetch(self, url: str, headers: Any = None) -> Any:
            return _static_response(url)

    return LocalOnlyFetcher(fail_on_errors=True)


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render `template_name` (which extends core/pdf_base.html) to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, pdf_context(context)))


def pdf_context(context: dict[str, Any]) -> dict[str, Any]:
    return {**context, "STATIC": STATIC_PREFIX}


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=_url_fetcher()).write_pdf())
