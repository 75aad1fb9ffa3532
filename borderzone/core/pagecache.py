"""Whole public pages cached for visitors, with the few parts that differ per reader filled in per request.

A page a visitor reads (not signed in, no message waiting, no query string) is rendered once as a *shell*
and kept under the data versions it reads (`core.cache.versions`): the same for every visitor, with a marker
where a live fragment goes (the visitor counter, the reader's own rating) and a placeholder for the CSRF
token. Each request then only fills the markers (`fill`): the fragments' own few queries and a string
replacement, instead of rendering the page's templates again.

A live fragment is named in a template with `{% live_fragment "app.name" arg ... %}`. Rendering a shell,
the tag writes a marker; rendering for one reader (staff, a query string), it calls the fragment at once, so
both ways give the same page. Apps register fragments in `<app>.live.FRAGMENTS` (name -> function of the
request, the tag's arguments as text and keyword arguments a view read for it already, returning HTML).
Markers carry a digest of the secret key, so text a visitor or an editor wrote cannot pose as one (it is
escaped or sanitised anyway).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from borderzone.core.cache import cached_at
from borderzone.core.registry import app_modules

# Context of a shell rendering: live fragments become markers, the CSRF token a placeholder.
SHELL = "bz_shell"

Fragment = Callable[..., str]


@cache
def _secret() -> str:
    return hmac.new(settings.SECRET_KEY.encode(), b"borderzone.pagecache", hashlib.sha256).hexdigest()[:20]


@cache
def _marker_pattern() -> re.Pattern[str]:
    return re.compile(rf"<!--bz-live-{_secret()}:([a-z0-9_.]+)((?::[A-Za-z0-9_-]*)*)-->")


def csrf_placeholder() -> str:
    return f"bz-csrf-{_secret()}"


@cache
def fragments() -> dict[str, Fragment]:
    """Each app's `<app>.live.FRAGMENTS`."""
    found: dict[str, Fragment] = {}
    for _app, module in app_modules("live"):
        found.update(getattr(module, "FRAGMENTS", {}))
    return found


def _safe_arg(value: object) -> str:
    text = str(value)
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError(f"a live fragment's argument must be a slug or a number, not {text!r}")
    return text


def live(context: Any, name: str, *args: object) -> SafeString:
    """What `{% live_fragment name args %}` writes: a marker in a shell, the fragment itself otherwise."""
    if name not in fragments():
        raise KeyError(f"no live fragment {name!r} (see core/pagecache.py)")
    texts = [_safe_arg(a) for a in args]
    if context.get(SHELL):
        suffix = "".join(f":{t}" for t in texts)
        return mark_safe(f"<!--bz-live-{_secret()}:{name}{suffix}-->")  # noqa: S308 - slugs and numbers only  # nosec B308 B703
    request = context.get("request")
    return mark_safe(fragments()[name](request, *texts))  # noqa: S308 - fragments render our templates  # nosec B308 B703


def serves_shell(request: HttpRequest) -> bool:
    """Whether this request may be answered from a shell: a visitor's GET of the page itself, with no
    query string and no message waiting to be shown."""
    if request.method not in ("GET", "HEAD") or request.GET or request.user.is_authenticated:
        return False
    storage = getattr(request, "_messages", None)
    return storage is None or not len(storage)


def shell_context() -> dict[str, Any]:
    return {SHELL: True, "csrf_token": csrf_placeholder()}


def page_shell(
    request: HttpRequest, scopes: Iterable[str], key: str, render: Callable[[dict[str, Any]], str], *, version: str
) -> str:
    """The shell of the page `key` under `version`, the token of `scopes` read before with
    `core.cache.versions` (with whatever else the page depends on), rendered by `render(context_extra)` on a
    miss; kept per language, scheme and host (the page writes its own address in links and metadata)."""
    full = f"page:{key}:{translation.get_language()}:{request.scheme}:{request.get_host()}"
    return cached_at(version, tuple(scopes), full, lambda: render(shell_context()))


def fill(request: HttpRequest, html: str, known: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """The shell with this reader's live fragments and CSRF token. `known` gives fragments what the view
    already read for them (by fragment name: keyword arguments), so they need not read it again."""
    table = fragments()
    given = known or {}

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        args = match.group(2).split(":")[1:]
        return table[name](request, *args, **given.get(name, {}))

    html = _marker_pattern().sub(one, html)
    placeholder = csrf_placeholder()
    if placeholder in html:
        html = html.replace(placeholder, escape(get_token(request)))
    return html
