from django.urls import path

from borderzone.trade.views import board, forecast, imports, records

app_name = "trade"
urlpatterns = [
    path("trade/", board.trade_public, name="public"),
    path("trade/template.<str:fmt>", imports.trade_template, name="template"),
    path("staff/trade/", board.trade_staff, name="staff"),
    path("staff/trade/import/", imports.trade_import, name="import"),
    path("staff/trade/figures/<int:pk>/", records.figure_detail, name="figure"),
    path("staff/trade/budget/", records.budget_edit, name="budget"),
    path("staff/trade/forecast/", forecast.trade_forecast, name="forecast"),
    path("staff/trade/forecast/<int:pk>/progress/", forecast.trade_forecast_progress, name="forecast-progress"),
    path("staff/trade/forecast/<int:pk>/rerun/", forecast.trade_forecast_rerun, name="forecast-rerun"),
]
