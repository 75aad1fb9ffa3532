"""Middleware shared by every app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


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
