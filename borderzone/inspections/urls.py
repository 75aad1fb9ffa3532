from django.urls import path

from borderzone.inspections import views

app_name = "inspections"
urlpatterns = [
    path("staff/inspections/", views.inspection_list, name="list"),
    path("staff/inspections/new/", views.inspection_create, name="create"),
    path("staff/inspections/<int:pk>/", views.inspection_detail, name="detail"),
    path("staff/inspections/<int:pk>/edit/", views.inspection_edit, name="edit"),
    path("staff/inspections/<int:pk>/minutes/", views.minutes_record, name="minutes"),
    path("staff/inspections/<int:pk>/findings/new/", views.finding_create, name="finding-create"),
    path("staff/inspections/findings/<int:pk>/edit/", views.finding_edit, name="finding-edit"),
    path("staff/inspections/<int:pk>/recommendations/new/", views.recommendation_create, name="recommendation-create"),
    path("staff/inspections/recommendations/<int:pk>/follow-up/", views.follow_up_create, name="follow-up-create"),
    path("staff/inspections/files/<int:pk>/", views.minutes_file, name="file"),
]
