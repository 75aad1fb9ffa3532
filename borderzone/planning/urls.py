from django.urls import path

from borderzone.planning import views

app_name = "planning"
urlpatterns = [
    path("plan/", views.index, name="index"),
    path("plan/goals/<int:pk>/", views.goal_detail, name="goal-detail"),
    path("plan/agreements/", views.agreement_list, name="agreement-list"),
    path("plan/evidence/<int:pk>/", views.evidence_file, name="evidence-file"),
    path("staff/plan/<str:code>/goals/new/", views.goal_create, name="goal-create"),
    path("staff/plan/goals/<int:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("staff/plan/goals/<int:pk>/milestones/new/", views.milestone_create, name="milestone-create"),
    path("staff/plan/milestones/<int:pk>/edit/", views.milestone_edit, name="milestone-edit"),
    path("staff/plan/milestones/<int:pk>/evidence/new/", views.evidence_create, name="evidence-create"),
    path("staff/plan/<str:code>/agreements/new/", views.agreement_create, name="agreement-create"),
    path("staff/plan/agreements/<int:pk>/edit/", views.agreement_edit, name="agreement-edit"),
    path("staff/plan/agreements/<int:pk>/actions/new/", views.action_create, name="action-create"),
    path("staff/plan/actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
]
