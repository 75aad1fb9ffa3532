from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from borderzone.portal.services import presence_prune


class Command(BaseCommand):
    help = (
        "Forget the hashed visitor identities not seen for some days (default 2). The daily totals of the "
        "visitor counter are kept: history is never reset. Safe to run at any time and repeatedly (e.g. daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=2, help="Keep visitors seen within this many days.")

    def handle(self, *args: Any, **options: Any) -> None:
        import datetime as dt

        days = max(1, options["days"])
        removed = presence_prune(older_than=dt.timedelta(days=days))
        self.stdout.write(f"Visitor presence: {removed} hashed identities older than {days} days removed.")
