from typing import Any

from django.core.management.base import BaseCommand

from borderzone.access.actors import command_actor
from borderzone.zones.reference import admin_units_load


class Command(BaseCommand):
    help = (
        "Load Vietnam's 34 provinces and 3,321 communes as of the 2025 reform, with the units each "
        "commune was formed from. Safe to run twice: existing units are updated, nothing is duplicated."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = admin_units_load(actor=command_actor("load_admin_units"))
        self.stdout.write(
            f"Provinces: {result.provinces_created} created, {result.provinces_updated} updated. "
            f"Communes: {result.communes_created} created, {result.communes_updated} updated."
        )
