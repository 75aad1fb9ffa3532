from django.urls import path

from borderzone.reports import views

app_name = "reports"
urlpatterns = [
    path("staff/reports/", views.report_list, name="report-list"),
    path("staff/summary/", views.summary_text_page, name="summary-text"),
    path("staff/dashboard/", views.dashboard, name="dashboard"),
    path("staff/reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("staff/reports/<int:pk>/rerun/", views.report_rerun_view, name="report-rerun"),
    path("staff/reports/<int:pk>/download/", views.report_download, name="report-download"),
    path("staff/reports/<int:pk>/annex/", views.report_annex_download, name="report-annex"),
]
