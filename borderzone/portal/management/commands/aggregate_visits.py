from typing import Any

from django.core.management.base import BaseCommand

from borderzone.portal.services import aggregate_visits


class Command(BaseCommand):
    help = (
        "Fold the page views appended by the requests into the visitor counter's daily totals (the worker "
        "does it every few hundred views; run this from cron, e.g. every few minutes, where no worker runs). "
        "The counter is right either way: it adds the views not folded yet. Safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        folded = aggregate_visits.call()
        self.stdout.write(f"Visitor counter: {folded} page views folded into the daily totals.")
