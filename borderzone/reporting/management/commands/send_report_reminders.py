from typing import Any

from django.core.management.base import BaseCommand

from borderzone.reporting.reminders import send_report_reminders


class Command(BaseCommand):
    help = (
        "Queue the e-mails reminding investors of reports due within REPORT_REMINDER_DAYS_BEFORE days and of "
        "reports past due; each account gets at most one every REPORT_REMINDER_INTERVAL_HOURS, so running it "
        "daily (cron) or twice is safe. Prints what the task did when tasks run at once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_report_reminders.enqueue()
        outcome = getattr(result, "return_value", None) if result.is_finished else None
        if isinstance(outcome, dict):
            sent = sum(1 for v in outcome.values() if v == "sent")
            self.stdout.write(f"Report reminders: {sent} sent, {len(outcome) - sent} not sent ({outcome}).")
        else:
            self.stdout.write("Report reminders queued for the task worker.")
