"""The versioned API: /api/v1/, each app's router mounted here, docs served from local static files."""

from __future__ import annotations

import decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from borderzone.access.versions import StaleVersion
from borderzone.core.middleware import out_of_range_reason
from borderzone.core.registry import app_modules

api = NinjaAPI(
    title="BorderZone API",
    version="1",
    description="Economic zones, their investment register, gates, trade and plans.",
    urls_namespace="api-v1",
    docs_url="/docs",
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Service-level validation answers 422 with each field's messages, like schema validation does."""
    if hasattr(exc, "error_dict"):
        detail = [
            {"loc": ["body", field], "msg": " ".join(messages), "type": "value_error"}
            for field, messages in exc.message_dict.items()
        ]
    else:
        detail = [{"loc": ["body"], "msg": " ".join(exc.messages), "type": "value_error"}]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(StaleVersion)
def stale_version(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
    """An `If-Match` naming a version that is no longer the record's (`ModelWrites.update`): nothing was saved."""
    return api.create_response(request, {"detail": str(exc)}, status=412)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("You may read this but not change it.")}, status=403)


# django-ninja answers these in English whatever the language; ours follow Accept-Language like the rest.
@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("Sign in to do this.")}, status=401)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found")}, status=404)


@api.exception_handler(MultiPartParserError)
def unreadable_body(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return api.create_response(request, {"detail": _("The multipart body could not be read.")}, status=400)


@api.exception_handler(OverflowError)
@api.exception_handler(decimal.InvalidOperation)
@api.exception_handler(DataError)
@api.exception_handler(ValueError)
def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A value no schema bound caught before it overflowed a date or a column: 422, never a server error."""
    reason = out_of_range_reason(exc)
    if reason is None:
        raise exc
    return api.create_response(
        request, {"detail": [{"loc": ["query"], "msg": reason, "type": "value_error"}]}, status=422
    )


# Each app's `api.router` is mounted at its AppConfig.api_prefix (default: the app's label), in the order of
# AppConfig.api_order (default 100), so that fixed paths such as /zones/gates come before /zones/{code}.
for _app, _module in sorted(app_modules("api"), key=lambda found: getattr(found[0], "api_order", 100)):
    if hasattr(_module, "router"):
        api.add_router(getattr(_app, "api_prefix", f"/{_app.label}"), _module.router)
