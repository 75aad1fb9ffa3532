from django.urls import path

from borderzone.promotion import views

app_name = "investing"
urlpatterns = [
    path("investing/", views.home, name="home"),
    path("investing/calls/<int:pk>/", views.call_detail, name="call"),
    path("investing/inquiry/", views.inquiry, name="inquiry"),
    path("investing/inquiry/sent/", views.inquiry_sent, name="inquiry-sent"),
    path("investing/province.geojson", views.province_outline, name="province-outline"),
    path("staff/investing/", views.staff_home, name="staff-home"),
    path("staff/investing/inbox/", views.staff_inbox, name="staff-inbox"),
    path("staff/investing/inbox/<int:pk>/", views.staff_inquiry, name="staff-inquiry"),
    path("staff/investing/incentives/new/", views.staff_incentive_edit, name="staff-incentive-create"),
    path("staff/investing/incentives/<int:pk>/edit/", views.staff_incentive_edit, name="staff-incentive-edit"),
    path("staff/investing/calls/new/", views.staff_call_edit, name="staff-call-create"),
    path("staff/investing/calls/<int:pk>/edit/", views.staff_call_edit, name="staff-call-edit"),
    path("staff/investing/sectors/new/", views.staff_sector_create, name="staff-sector-create"),
]
