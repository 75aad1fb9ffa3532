from django.urls import path

from borderzone.rates import views

app_name = "rates"
urlpatterns = [
    path("staff/rates/", views.rate_list, name="rate-list"),
    path("staff/rates/export.csv", views.rate_export, name="rate-export"),
]
