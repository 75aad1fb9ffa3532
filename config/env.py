"""Read settings from the environment, failing loudly on values that make no sense.

Every variable read here is listed, with a comment, in `.env.example`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

# Keys Django itself or a tutorial would suggest: never accept them in production.
INSECURE_KEY_PREFIXES = ("django-insecure", "change-me", "changeme", "dev-only", "secret")


class Env:
    """A view of the environment with typed, validated accessors."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def string(self, name: str, default: str | None = None) -> str:
        value = self.environ.get(name)
        if value is None or value == "":
            if default is None:
                raise ImproperlyConfigured(f"Environment variable {name} is required.")
            return default
        return value

    def boolean(self, name: str, default: bool) -> bool:
        raw = self.environ.get(name)
        if raw is None:
            return default
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false.")

    def integer(self, name: str, default: int, *, minimum: int | None = None) -> int:
        raw = self.environ.get(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
        if minimum is not None and value < minimum:
            raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
        return value

    def csv_list(self, name: str, default: list[str] | None = None) -> list[str]:
        raw = self.environ.get(name)
        if raw is None:
            return list(default or [])
        return [item.strip() for item in raw.split(",") if item.strip()]

    def database(self, name: str, default: str) -> dict[str, Any]:
        url = self.string(name, default)
        if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
            raise ImproperlyConfigured(f"{name} must be a sqlite:// or postgres:// URL, not {url.split(':', 1)[0]!r}.")
        try:
            config = dj_database_url.parse(url, conn_max_age=0)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
        engine = str(config.get("ENGINE", ""))
        if engine.endswith("sqlite3"):
            db_path = Path(str(config["NAME"]))
            if str(db_path) != ":memory:":
                db_path.parent.mkdir(parents=True, exist_ok=True)
            # WAL lets the task worker write while the web server reads.
            config["OPTIONS"] = {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            }
        elif not engine.endswith("postgresql"):
            raise ImproperlyConfigured(f"{name}: unsupported database engine {engine!r}.")
        return dict(config)

    def site_url(self, name: str, default: str) -> str:
        """The site's address, like https://borderzone.example.vn (no trailing slash)."""
        value = self.string(name, default).rstrip("/")
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
            raise ImproperlyConfigured(f"{name}={value!r} must be a site address like https://example.vn.")
        return value

    def email_url(self, name: str) -> dict[str, Any]:
        """The OPTIONS of an SMTP mailer (Django's MAILERS) from a URL; {} when the variable is not set.

        `smtp://user:password@host:587` sends with STARTTLS (add `?tls=false` for a plain relay such as
        localhost:25); `smtps://user:password@host:465` with implicit TLS. Percent-encode reserved
        characters in the user and password (`@` as `%40`).
        """
        raw = self.environ.get(name, "")
        if not raw:
            return {}
        try:
            url = urlsplit(raw)
            port = url.port
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name} is not a valid URL: {exc}") from None
        if url.scheme not in ("smtp", "smtps"):
            raise ImproperlyConfigured(f"{name} must be an smtp:// or smtps:// URL, not {url.scheme!r}.")
        if not url.hostname:
            raise ImproperlyConfigured(f"{name} names no mail server host.")
        implicit_tls = url.scheme == "smtps"
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        starttls = not implicit_tls and Env({"tls": query.get("tls", "true")}).boolean("tls", True)
        return {
            "host": url.hostname,
            "port": port or (465 if implicit_tls else 587),
            "username": unquote(url.username or ""),
            "password": unquote(url.password or ""),
            "use_tls": starttls,
            "use_ssl": implicit_tls,
        }

    def time_zone(self, name: str, default: str) -> str:
        value = self.string(name, default)
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ImproperlyConfigured(f"{name}={value!r} is not a known IANA time zone.") from None
        return value

    def secret_key(self, name: str = "SECRET_KEY") -> str:
        """A production secret key: present, long, varied and not a well-known placeholder."""
        value = self.environ.get(name, "")
        if not value:
            raise ImproperlyConfigured(
                f"{name} is required in production: generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
            )
        if len(value) < 50 or len(set(value)) < 5:
            raise ImproperlyConfigured(f"{name} must be at least 50 characters of varied text.")
        if value.lower().startswith(INSECURE_KEY_PREFIXES):
            raise ImproperlyConfigured(f"{name} looks like a placeholder, not a real secret.")
        return value
