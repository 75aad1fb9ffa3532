"""How the statuses of an obligation read on the pages and in exports."""

from django.utils.translation import gettext_lazy

#: "chưa ghi nhận báo cáo", never "vi phạm": whether a late report is a violation is the board's decision.
STATUS_LABELS = {
    "overdue": gettext_lazy("No report recorded, past due"),
    "due": gettext_lazy("Due"),
    "returned": gettext_lazy("Returned for correction"),
    "submitted": gettext_lazy("Submitted, waiting for the board"),
    "accepted": gettext_lazy("Accepted"),
}
