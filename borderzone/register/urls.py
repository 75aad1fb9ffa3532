from django.urls import path

from borderzone.register.views import public as views_public
from borderzone.register.views import staff as views

app_name = "investments"
urlpatterns = [
    path("projects/", views_public.public_project_list, name="public-list"),
    path("staff/investments/", views.project_list, name="project-list"),
    path("staff/investments/export.<str:fmt>", views.project_export, name="project-export"),
    path("staff/investments/new/", views.project_create, name="project-create"),
    path("staff/investments/import/", views.project_import, name="project-import"),
    path("staff/investments/import/template.<str:fmt>", views.import_template, name="import-template"),
    path("staff/investments/rules/", views.rule_list, name="rule-list"),
    path("staff/investments/areas/", views.area_list, name="area-list"),
    path("staff/investments/rules/<int:pk>/edit/", views.rule_edit, name="rule-edit"),
    path("staff/investments/<str:code>/", views.project_detail, name="project-detail"),
    path("staff/investments/<str:code>/dossier/", views.project_dossier, name="project-dossier"),
    path("staff/investments/<str:code>/edit/", views.project_edit, name="project-edit"),
    path("staff/investments/<str:code>/versions/new/", views.version_create, name="version-create"),
    path("staff/investments/<str:code>/status/new/", views.status_create, name="status-create"),
    path("staff/investments/<str:code>/disbursements/new/", views.disbursement_create, name="disbursement-create"),
    path("staff/investments/<str:code>/deposit/new/", views.deposit_event_create, name="deposit-event-create"),
    path("staff/investments/<str:code>/milestones/new/", views.milestone_create, name="milestone-create"),
    path("staff/investments/<str:code>/investor-accounts/new/", views.investor_link, name="investor-link"),
]
