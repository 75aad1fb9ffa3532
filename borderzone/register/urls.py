from django.urls import path

from borderzone.register.views import public, staff

app_name = "investments"
urlpatterns = [
    path("projects/", public.public_project_list, name="public-list"),
    path("staff/investments/", staff.project_list, name="project-list"),
    path("staff/investments/export.<str:fmt>", staff.project_export, name="project-export"),
    path("staff/investments/new/", staff.project_create, name="project-create"),
    path("staff/investments/import/", staff.project_import, name="project-import"),
    path("staff/investments/import/template.<str:fmt>", staff.import_template, name="import-template"),
    path("staff/investments/rules/", staff.rule_list, name="rule-list"),
    path("staff/investments/rules/<int:pk>/edit/", staff.rule_edit, name="rule-edit"),
    path("staff/investments/<str:code>/", staff.project_detail, name="project-detail"),
    path("staff/investments/<str:code>/edit/", staff.project_edit, name="project-edit"),
    path("staff/investments/<str:code>/versions/new/", staff.version_create, name="version-create"),
    path("staff/investments/<str:code>/status/new/", staff.status_create, name="status-create"),
    path("staff/investments/<str:code>/disbursements/new/", staff.disbursement_create, name="disbursement-create"),
    path("staff/investments/<str:code>/milestones/new/", staff.milestone_create, name="milestone-create"),
    path("staff/investments/<str:code>/investor-accounts/new/", staff.investor_link, name="investor-link"),
]
