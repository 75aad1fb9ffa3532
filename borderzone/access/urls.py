from django.urls import path

from borderzone.access import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/changes/", views.recent_changes, name="recent-changes"),
    path("staff/imports/<int:pk>/", views.import_job_detail, name="import-job"),
    path("staff/imports/<int:pk>/rerun/", views.import_job_rerun_view, name="import-job-rerun"),
    path("staff/exports/<int:pk>/", views.export_job_detail, name="export-job"),
    path("staff/exports/<int:pk>/download/", views.export_job_download, name="export-job-download"),
    path("staff/personal-data/", views.personal_data_export_view, name="personal-data-export"),
    path("staff/history/<int:content_type_id>/<str:object_id>/", views.object_history, name="history"),
]
