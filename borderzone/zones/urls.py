from django.urls import path

from borderzone.zones import views

app_name = "zones"
urlpatterns = [
    path("staff/zones/", views.zone_list, name="zone-list"),
    path("staff/zones/new/", views.zone_create, name="zone-create"),
    path("staff/zones/<str:code>/edit/", views.zone_edit, name="zone-edit"),
    path("staff/zones/<str:code>/", views.zone_detail, name="zone-detail"),
    path("staff/zones/<str:code>/functional-areas/new/", views.functional_area_create, name="functional-area-create"),
    path("staff/functional-areas/<int:pk>/edit/", views.functional_area_edit, name="functional-area-edit"),
    path("staff/zones/<str:code>/gate-areas/new/", views.gate_area_create, name="gate-area-create"),
    path("staff/gate-areas/<int:pk>/edit/", views.gate_area_edit, name="gate-area-edit"),
]
