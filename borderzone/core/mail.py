"""Where e-mail goes when production names no mail server: into the application's log.

The system works without e-mail; notifications then reach the operator's log instead of the staff's
inboxes (and `check --deploy` says so, as borderzone.I001)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("borderzone.mail")


class LogEmailBackend(BaseEmailBackend):
    """Writes each message (recipients, subject, text) to the `borderzone.mail` log instead of sending it."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            logger.info(
                "E-mail not sent (no mail server is set) to %s: %s\n%s",
                ", ".join(message.recipients()),
                message.subject,
                message.body,
            )
        return len(email_messages)
