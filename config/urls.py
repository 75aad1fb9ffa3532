from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from borderzone.core.captcha import captcha_audio
from borderzone.core.registry import app_modules
from config.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/spoken/<str:key>.wav", captcha_audio, name="captcha-spoken"),
    path("captcha/", include("captcha.urls")),
    path("sitemap.xml", include("borderzone.portal.sitemap_urls")),
]

# Vietnamese is served without a prefix; English under /en/, Chinese under /zh-hans/.
# Each app's urls.py is included at its AppConfig.url_prefix (default: the site root).
urlpatterns += i18n_patterns(
    *[path(getattr(app, "url_prefix", ""), include(f"{app.name}.urls")) for app, _module in app_modules("urls")],
    prefix_default_language=False,
)

# Uploaded files are never served from MEDIA_ROOT directly: each app serves its files through views
# that check who may see them.
