"""The project's URLs and the bare reference view the national bench compares pages with."""

from django.urls import path

from bench.bench_national import bare_view
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("bench-bare/<int:n>", bare_view), *project_urlpatterns]
