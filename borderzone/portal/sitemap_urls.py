"""Mounted by config/urls.py at /sitemap.xml (outside the language prefixes: it lists every language)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from borderzone.portal.sitemaps import SITEMAPS

urlpatterns = [path("", sitemap, {"sitemaps": SITEMAPS}, name="sitemap")]
