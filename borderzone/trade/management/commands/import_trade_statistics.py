from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from borderzone.access.actors import command_actor
from borderzone.access.importing import no_progress
from borderzone.trade.importing import import_trade_commodities, import_trade_statistics
from borderzone.zones.models import EconomicZone


class Command(BaseCommand):
    help = (
        "Import monthly trade statistics per gate from a CSV or XLSX file (columns gate, month, export_usd, "
        "import_usd; optional export_duty_vnd, import_duty_vnd, import_vat_vnd, other_revenue_vnd, yard_fee_vnd, "
        "vehicles, declarations, status, source — see docs/data-formats.md). Every row is checked first; if any "
        "is bad nothing is saved, each problem is printed as 'row N, column: reason' and the exit status is 1. "
        "A month that already has figures is replaced as a revision (the earlier values are kept); importing "
        "the same file twice changes nothing. --dry-run checks and reports without saving. --commodities imports "
        "a breakdown by HS chapter instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV (UTF-8) or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="Check and report, save nothing.")
        parser.add_argument(
            "--zone", default=settings.DEFAULT_ZONE_CODE, help="Economic zone code (default: %(default)s)"
        )
        parser.add_argument("--source", default="", help="Source for rows without a source column value.")
        parser.add_argument(
            "--commodities",
            action="store_true",
            help="The file is a breakdown by HS chapter (columns gate, month, hs_chapter, direction, value_usd) of "
            "months already recorded.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        zone = EconomicZone.objects.filter(code=options["zone"]).first()
        if zone is None:
            raise CommandError(f"No economic zone with code {options['zone']}")
        importer = import_trade_commodities if options["commodities"] else import_trade_statistics
        report = importer(
            data=path.read_bytes(),
            actor=command_actor("import_trade_statistics"),
            zone=zone,
            dry_run=options["dry_run"],
            progress=no_progress,
            options={"filename": path.name, "source": options["source"]},
        )
        if not report.ok:
            for error in report.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(report.errors)} problem(s); nothing was saved.")
        prefix = "Dry run, nothing saved: " if report.dry_run else ""
        self.stdout.write(
            f"{prefix}{report.rows} rows: {report.created} created, {report.updated} revised, "
            f"{report.unchanged} unchanged."
        )
