"""`python manage.py rebuild_project_states`: recompute the project-state intervals from the register
(safe to run again: it gives the same rows), printing how many it wrote."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from borderzone.register.states import rebuild_project_states


class Command(BaseCommand):
    help = "Recompute the project-state intervals (status, certificate version, capital, planned dates)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_project_states()
        self.stdout.write(f"{count} project states rebuilt")
