"""Print the sign-in code the demo authenticator shows now (demo staff accounts only)."""

from typing import Any

from django.core.management.base import BaseCommand

from borderzone.accounts.demo import DEMO_TOTP_SECRET, demo_code


class Command(BaseCommand):
    help = (
        "Print the 6-digit code that an authenticator app given the demo key shows now: the second step of a "
        "demo staff sign-in (admin, chuyenvien, lanhdao). Each code works once, for about 30 seconds."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{demo_code()}  (key {DEMO_TOTP_SECRET})")
