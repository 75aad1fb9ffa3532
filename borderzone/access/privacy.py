"""The privacy notice shown on every form that collects personal data (Law 91/2025/QH15 on Personal Data
Protection; sources and what is not confirmed in docs/legal-sources.md, "Personal data").

Each notice is data: what the form collects, why, on what legal basis, how long it is kept (read from the
retention settings, so the notice and `purge_personal_data` never disagree) and who controls it (the zone's
management board). Pages draw it with `{% load privacy %}{% privacy_notice "comment" zone %}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from borderzone.zones.models import EconomicZone

#: The law and its decree, as the notice names them (docs/legal-sources.md, "Personal data").
LAW = gettext_lazy("Law No. 91/2025/QH15 on Personal Data Protection (in force from 01/01/2026)")
DECREE = gettext_lazy("Decree No. 356/2025/ND-CP detailing it")
#: The rights a data subject has (Article 4 of the law, as read in official summaries).
RIGHTS = gettext_lazy(
    "You may ask the board to tell you what it keeps about you, to correct it, to give you a copy, to delete it "
    "or to stop using it, and you may withdraw your consent (Law No. 91/2025/QH15, Article 4). Write to the board "
    "through its question form or at its office."
)
#: The article on consent was read only in a press summary: the notice says so.
CONSENT_BASIS = gettext_lazy(
    "your consent, given by sending this form after reading this notice (Law No. 91/2025/QH15, Article 9 on "
    "consent; the article's number is taken from a press summary and is not confirmed)"
)


def _months(count: int) -> str:
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


def _comment_retention() -> str:
    return _(
        "Your e-mail address and the hash of your network address are deleted %(months)s after you post. "
        "Your name and comment stay published with the article until the board removes them."
    ) % {"months": _months(settings.RETENTION_COMMENT_CONTACT_MONTHS)}


def _inquiry_retention() -> str:
    return _(
        "Your name, e-mail address and telephone are deleted %(months)s after the board closes your question; "
        "the question itself is kept without them."
    ) % {"months": _months(settings.RETENTION_INQUIRY_CONTACT_MONTHS)}


def _account_retention() -> str:
    return _(
        "Kept while the account exists. Sign-ins are recorded with the network address in the audit trail, "
        "which is never changed or deleted."
    )


def _thread_retention() -> str:
    return _(
        "Your messages are kept with your question; your contact details on it are deleted %(months)s after the "
        "board closes it."
    ) % {"months": _months(settings.RETENTION_INQUIRY_CONTACT_MONTHS)}


@dataclass(frozen=True)
class PrivacyNotice:
    key: str
    collected: Promise
    purpose: Promise
    basis: Promise
    retention: Any  # a function of no argument giving the text in the active language

    def as_context(self, zone: EconomicZone | None) -> dict[str, Any]:
        return {
            "key": self.key,
            "collected": self.collected,
            "purpose": self.purpose,
            "basis": self.basis,
            "retention": self.retention(),
            "controller": controller_name(zone),
            "rights": RIGHTS,
            "law": LAW,
            "decree": DECREE,
        }


NOTICES: dict[str, PrivacyNotice] = {
    notice.key: notice
    for notice in (
        PrivacyNotice(
            key="comment",
            collected=gettext_lazy("your name, your e-mail address if you give it, and a hash of your network address"),
            purpose=gettext_lazy(
                "moderating and publishing your comment (your name is shown with it, your e-mail never) and "
                "limiting abuse of the comment form"
            ),
            basis=CONSENT_BASIS,
            retention=_comment_retention,
        ),
        PrivacyNotice(
            key="inquiry",
            collected=gettext_lazy(
                "your name, company, e-mail address, telephone, country and your question, and a hash of your "
                "network address"
            ),
            purpose=gettext_lazy(
                "answering your question and following up your interest in investing; never published, never "
                "given to third parties"
            ),
            basis=CONSENT_BASIS,
            retention=_inquiry_retention,
        ),
        PrivacyNotice(
            key="account",
            collected=gettext_lazy(
                "the user name, full name and e-mail address of the account, its role and zones, and its sign-ins"
            ),
            purpose=gettext_lazy(
                "giving the person access to the board's information system, e-mailing them about their work, "
                "and keeping the system secure"
            ),
            basis=gettext_lazy(
                "the board's duties in managing the zone and the person's work or reporting obligations "
                "(the account is needed for them); the legal ground's article is not confirmed"
            ),
            retention=_account_retention,
        ),
        PrivacyNotice(
            key="thread",
            collected=gettext_lazy("your messages on your question, with your account"),
            purpose=gettext_lazy("answering your question"),
            basis=CONSENT_BASIS,
            retention=_thread_retention,
        ),
    )
}


def controller_name(zone: EconomicZone | None) -> str:
    """The controller of the data: the zone's management board, by the name it gives, in the reader's
    language when it has one (the default zone's board for data not tied to a zone)."""
    if zone is None:
        zone = EconomicZone.objects.filter(code=settings.DEFAULT_ZONE_CODE).first()
    if zone is None:
        return str(settings.SITE_NAME)
    english = (get_language() or "vi").split("-")[0] != "vi"
    if english and zone.board_name_en:
        return zone.board_name_en
    if zone.board_name:
        return zone.board_name
    return _("Management board of %(zone)s") % {"zone": zone.display_name}


def notice_context(key: str, zone: EconomicZone | None) -> dict[str, Any]:
    return NOTICES[key].as_context(zone)
