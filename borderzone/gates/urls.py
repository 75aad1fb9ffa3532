from django.urls import path

from borderzone.gates import views

app_name = "gates"
urlpatterns = [
    path("gates/", views.gate_list, name="gate-list"),
    path("gates/<str:code>/", views.gate_detail, name="gate-detail"),
    path("map/", views.gate_map, name="map"),
    path("map/layers/<str:name>.geojson", views.map_layer, name="map-layer"),
    path("staff/zones/<str:code>/gates/new/", views.gate_create, name="gate-create"),
    path("staff/gates/<str:code>/edit/", views.gate_edit, name="gate-edit"),
    path("staff/gates/<str:code>/status/new/", views.gate_status_create, name="gate-status-create"),
    path("staff/gates/<str:code>/facilities/new/", views.facility_create, name="facility-create"),
    path("staff/facilities/<int:pk>/edit/", views.facility_edit, name="facility-edit"),
]
