from django.urls import path

from borderzone.trade import views, views_forecast, views_import, views_records

app_name = "trade"
urlpatterns = [
    path("trade/", views.trade_public, name="public"),
    path("trade/template.<str:fmt>", views_import.trade_template, name="template"),
    path("staff/trade/", views.trade_staff, name="staff"),
    path("staff/trade/import/", views_import.trade_import, name="import"),
    path("staff/trade/figures/<int:pk>/", views_records.figure_detail, name="figure"),
    path("staff/trade/budget/", views_records.budget_edit, name="budget"),
    path("staff/trade/forecast/", views_forecast.trade_forecast, name="forecast"),
    path("staff/trade/forecast/<int:pk>/progress/", views_forecast.trade_forecast_progress, name="forecast-progress"),
]
