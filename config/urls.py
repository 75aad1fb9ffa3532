from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from config.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Vietnamese is served without a prefix; English under /en/.
urlpatterns += i18n_patterns(
    path("", include("borderzone.core.urls")),
    path("", include("borderzone.zones.urls")),
    path("accounts/", include("borderzone.accounts.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
