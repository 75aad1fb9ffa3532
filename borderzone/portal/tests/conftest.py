from __future__ import annotations

import pytest
from captcha.models import CaptchaStore
from django.utils import translation

from borderzone.access.actors import Actor
from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.portal.tests.factories import ArticleFactory, CategoryFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _vietnamese():
    # A request under /en/ leaves its language active in the thread; each test starts in Vietnamese.
    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture
def editor(zone):
    """A second specialist of zone A: may approve what `specialist` wrote."""
    return UserFactory(username="editor_a", role=Role.SPECIALIST, zones=[zone])


@pytest.fixture
def editor_actor(editor):
    return Actor(user=editor, via="test")


@pytest.fixture
def category(db):
    return CategoryFactory(slug="tin-tuc", name="Tin tức", name_en="News")


@pytest.fixture
def article(zone, category, specialist):
    return ArticleFactory(zone=zone, category=category, created_by=specialist, slug="bai-mau", title="Bài mẫu")


@pytest.fixture
def captcha_answer(db):
    """A valid captcha key and its answer, as a reader who read the picture would send them."""

    def make() -> dict[str, str]:
        key = CaptchaStore.generate_key()
        return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}

    return make
