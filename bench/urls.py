"""The project's URLs and the bare reference view the national bench compares pages with."""

from django.urls import path

from bench.bench_national import bare_view
from bench.bench_public import bare_file_view
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("bench-bare/<int:n>", bare_view),
    path("bench-file/<slug:name>", bare_file_view),
    *project_urlpatterns,
]
