"""The portal's middleware: counts page views for the visitor counter (addresses kept only as salted
hashes), and lets the language switch keep the page it was pressed on."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation

from borderzone.portal.content import is_bot, path_hash, visitor_hash

logger = logging.getLogger(__name__)

# Pages that are not the public portal: staff work, sign-in, the API, files and machinery.
_SKIP = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?(?:staff|accounts|api|static|media|captcha|i18n|sitemap\.xml|news/(?:rss|atom|images))(?:/|$)"
)


class PortalMiddleware:
    """1. After a successful HTML page view, record it once the request's work is committed (on commit, so
    that the count is never part of the page's own transaction or its failure).
    2. On the language switch, resolve the page it came from in that page's language: Django's
    `set_language` resolves `next` in the language of the request, so from /en/... or /zh-hans/... a
    visitor whose browser asks for Vietnamese would stay on the same page in the same language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path == reverse("set_language"):
            language = translation.get_language_from_path(request.POST.get("next", ""))
            if language:
                translation.activate(language)
        response = self.get_response(request)
        if self._counts(request, response):
            visitor, bot, key = visitor_hash(request), is_bot(request), path_hash(request.path)
            transaction.on_commit(lambda: _record(visitor, key, bot))
        return response

    @staticmethod
    def _counts(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not _SKIP.match(request.path)
        )


def _record(visitor: str, key: str, bot: bool) -> None:
    from borderzone.portal.services import visit_record

    try:
        visit_record(visitor=visitor, path_key=key, bot=bot)
    except DatabaseError:
        # A counter must never break a page; the view is lost, the page was served.
        logger.exception("visit not counted")
