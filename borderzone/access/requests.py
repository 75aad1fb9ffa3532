"""The request a signed-in view receives, typed so that `request.user` is a `User` (not `AnonymousUser`).

Annotate a view behind `login_required` (or a staff check) with `request: AuthedRequest`: Django passes the
same `HttpRequest`; the annotation only tells the type checker what the decorator already made sure of.
"""

from __future__ import annotations

from django.http import HttpRequest

from borderzone.accounts.models import User


class AuthedRequest(HttpRequest):
    """An `HttpRequest` whose user is signed in (the view is behind `login_required` or a staff check)."""

    user: User
