from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from borderzone.access.actors import command_actor
from borderzone.access.personal_data import personal_data_purge


class Command(BaseCommand):
    help = (
        "Delete the personal data whose retention period ended: a comment's e-mail and address hash "
        "RETENTION_COMMENT_CONTACT_MONTHS after posting, an investor inquiry's name, e-mail and telephone "
        "RETENTION_INQUIRY_CONTACT_MONTHS after closing. Each record gets an audit row naming the fields, "
        "without their values. Run it daily (cron); running it twice is safe. Prints the counts."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = personal_data_purge(actor=command_actor("purge_personal_data"))
        comments = settings.RETENTION_COMMENT_CONTACT_MONTHS
        inquiries = settings.RETENTION_INQUIRY_CONTACT_MONTHS
        done = ", ".join(f"{key} {count}" for key, count in counts.items()) or "nothing to do"
        self.stdout.write(
            f"Personal data deleted (comments after {comments} months, inquiries {inquiries} months "
            f"after closing): {done}."
        )
