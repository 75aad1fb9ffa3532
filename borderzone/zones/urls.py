from django.urls import path

from borderzone.zones import gate_views, views

app_name = "zones"
urlpatterns = [
    path("staff/zones/<str:code>/", views.zone_detail, name="zone-detail"),
    path("staff/zones/<str:code>/functional-areas/new/", views.functional_area_create, name="functional-area-create"),
    path("staff/functional-areas/<int:pk>/edit/", views.functional_area_edit, name="functional-area-edit"),
    path("staff/zones/<str:code>/gate-areas/new/", views.gate_area_create, name="gate-area-create"),
    path("staff/gate-areas/<int:pk>/edit/", views.gate_area_edit, name="gate-area-edit"),
    path("gates/", gate_views.gate_list, name="gate-list"),
    path("gates/<str:code>/", gate_views.gate_detail, name="gate-detail"),
    path("map/", gate_views.gate_map, name="map"),
    path("map/layers/<str:name>.geojson", gate_views.map_layer, name="map-layer"),
    path("staff/zones/<str:code>/gates/new/", gate_views.gate_create, name="gate-create"),
    path("staff/gates/<str:code>/edit/", gate_views.gate_edit, name="gate-edit"),
    path("staff/gates/<str:code>/status/new/", gate_views.gate_status_create, name="gate-status-create"),
    path("staff/gates/<str:code>/facilities/new/", gate_views.facility_create, name="facility-create"),
    path("staff/facilities/<int:pk>/edit/", gate_views.facility_edit, name="facility-edit"),
]
