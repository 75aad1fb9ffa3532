"""System checks of BorderZone's own settings (run by `manage.py check`, some only with --deploy)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register("borderzone", deploy=True)
def mail_server_named(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Without a mail server the system still works; moderators are just not e-mailed (notices go to the log)."""
    if getattr(settings, "EMAIL_CONFIGURED", False):
        return []
    return [
        checks.Info(
            "No mail server is set: notification e-mails to moderators are written to the log, not sent.",
            hint="Set EMAIL_URL (or EMAIL_HOST and its companions) and DEFAULT_FROM_EMAIL; see .env.example.",
            id="borderzone.I001",
        )
    ]
