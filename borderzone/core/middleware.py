"""Middleware shared by every app."""

from __future__ import annotations

import decimal
import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.db import DataError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class ApiLanguageMiddleware:
    """The API answers in the language its client asks for. Paths outside the language prefixes get the
    default language from Django's LocaleMiddleware (Vietnamese pages live at /, so /anything is
    Vietnamese); /api/ has no page language, so there the language cookie or Accept-Language decides,
    as for any API, and Vietnamese remains the default. Goes right after LocaleMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


# A JSON string escape for NUL preceded by an even number of backslashes (an odd number would make it text).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def bad_request(request: HttpRequest, reason: str) -> HttpResponse:
    """400 with the reason: JSON ({"detail": ...}) on the API, the site's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": reason}, status=400)
    try:
        return render(request, "400.html", {"reason": reason}, status=400)
    except Exception:  # a page that cannot render (no zone yet, broken request) still answers 400
        return HttpResponseBadRequest(escape(reason))


class BadInputMiddleware:
    """Refuses, with a 400 naming the reason, input no field of this system can hold, before any view reads
    it: a NUL byte in the path, the query or a form or JSON body (PostgreSQL refuses NUL in text), a
    multipart body without its boundary. Turns what no value check upstream caught (a number past a
    column's size, a date whose arithmetic overflows) into a 400 rather than a server error. Goes after the
    locale, session, authentication and message middleware, so that the reason is shown on the site's page
    in the reader's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return bad_request(request, _("The Content-Length header is not a number."))
        if length > settings.REQUEST_MAX_BYTES:
            # Refused before a byte of the body is read; a buffering proxy in front keeps slow bodies off us.
            response = bad_request(
                request,
                _("The request is larger than %(size)s.") % {"size": filesizeformat(settings.REQUEST_MAX_BYTES)},
            )
            response.status_code = 413
            return response
        reason = self.refusal(request)
        if reason:
            return bad_request(request, reason)
        return self.get_response(request)

    def refusal(self, request: HttpRequest) -> str | None:
        nul = _("The request holds a NUL character (code 0), which no field accepts.")
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return nul
        if request.method not in _BODY_METHODS:
            return None
        content_type = request.content_type or ""
        if content_type == "multipart/form-data":
            if "boundary=" not in request.META.get("CONTENT_TYPE", ""):
                return _("A multipart body needs its boundary in the Content-Type header.")
            try:
                fields = list(request.POST.lists())
            except MultiPartParserError:
                return _("The multipart body could not be read.")
            if any("\x00" in key or any("\x00" in v for v in values) for key, values in fields):
                return nul
        elif content_type == "application/json" or content_type.endswith("+json"):
            if _JSON_NUL.search(request.body):
                return nul
        elif content_type == "application/x-www-form-urlencoded" and b"%00" in request.body:
            return nul
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        reason = out_of_range_reason(exception)
        if reason is None:
            return None
        logger.warning("Refused %s %s: %s", request.method, request.path, exception)
        return bad_request(request, reason)


def out_of_range_reason(exception: BaseException) -> str | None:
    """The message for an input value that no check caught before it overflowed a date or a column, else None.

    Shared by this middleware (pages) and the API's exception handlers."""
    if isinstance(exception, OverflowError | DataError | decimal.InvalidOperation) or (
        isinstance(exception, ValueError) and "out of range" in str(exception)
    ):
        return _("A value is outside the range this system can hold (dates 1900-2200, amounts within the column).")
    return None
