from django.urls import path

from borderzone.infrastructure import views

app_name = "infrastructure"
urlpatterns = [
    path("infrastructure/", views.index, name="index"),
    path("infrastructure/works/<int:pk>/", views.work_detail, name="work-detail"),
    path("staff/infrastructure/<str:code>/works/new/", views.work_create, name="work-create"),
    path("staff/infrastructure/works/<int:pk>/edit/", views.work_edit, name="work-edit"),
    path("staff/infrastructure/works/<int:pk>/funding/new/", views.funding_create, name="funding-create"),
    path("staff/infrastructure/funding/<int:pk>/edit/", views.funding_edit, name="funding-edit"),
    path("staff/infrastructure/<str:code>/import/", views.funding_import, name="funding-import"),
]
