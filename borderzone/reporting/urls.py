from django.urls import path

from borderzone.reporting.views import investor, staff

app_name = "reporting"
urlpatterns = [
    # The investor's own area.
    path("investor/", investor.my_projects, name="my-projects"),
    path("investor/link/", investor.link_request, name="link-request"),
    path("investor/questions/", investor.my_inquiries, name="my-inquiries"),
    path("investor/questions/<int:pk>/", investor.my_inquiry, name="my-inquiry"),
    path("investor/projects/<str:code>/", investor.my_project, name="my-project"),
    path(
        "investor/projects/<str:code>/reports/<str:form_code>/<str:period>/",
        investor.my_report,
        name="my-report",
    ),
    path("investor/reports/<int:pk>/withdraw/", investor.my_report_withdraw, name="my-report-withdraw"),
    # The board's side.
    path("staff/investor-reports/", staff.obligations, name="obligations"),
    path("staff/investor-reports/not-reported/", staff.not_reported, name="not-reported"),
    path("staff/investor-reports/forms/", staff.forms_list, name="forms"),
    path("staff/investor-reports/forms/new/", staff.form_version_new, name="form-version-new"),
    path("staff/investor-reports/board/", staff.board_reports, name="board-reports"),
    path(
        "staff/investor-reports/board/<str:code>/<str:form_code>/<str:period>/<str:fmt>",
        staff.board_report_file,
        name="board-report-file",
    ),
    path("staff/investor-reports/links/", staff.link_requests, name="link-requests"),
    path("staff/investor-reports/reports/<int:pk>/", staff.report_detail, name="report-detail"),
    path("staff/investor-reports/files/<int:pk>/", staff.attachment_file, name="attachment"),
    path("staff/investor-reports/questions/<int:pk>/", staff.inquiry_thread, name="inquiry-thread"),
    path(
        "staff/investor-reports/<str:code>/record/<str:form_code>/<str:period>/",
        staff.record_received,
        name="record-received",
    ),
]
