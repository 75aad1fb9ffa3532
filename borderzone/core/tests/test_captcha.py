"""The captcha people can read and hear (issue 13): unconfusable characters, large glyphs, either case,
a spoken version in the reader's language, and the cursor on the captcha after a failed answer."""

import io
import wave
from datetime import timedelta

import pytest
from captcha.fields import CaptchaField
from captcha.models import CaptchaStore
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image

from borderzone.core.captcha import AUDIO_DIR, CHARACTERS, PAUSE_SECONDS, readable_challenge
from borderzone.portal.tests.factories import ArticleFactory, CategoryFactory
from borderzone.zones.tests.factories import EconomicZoneFactory

CONFUSABLE = set("0Oo1lIi5Ss2Zz8B6G")


def test_challenges_use_no_character_that_looks_like_another():
    drawn = {char for _ in range(300) for char in readable_challenge()[0]}
    assert drawn <= set(CHARACTERS)
    assert not drawn & CONFUSABLE
    assert len(drawn) >= 15  # the whole set is used, not a few characters


def test_the_answer_is_accepted_in_either_case(db):
    store = CaptchaStore.objects.create(challenge="HK3PX", response="hk3px")
    field = CaptchaField()
    field.clean([store.hashkey, "HK3PX"])  # raises ValidationError when refused
    store = CaptchaStore.objects.create(challenge="HK3PX", response="hk3px")
    field.clean([store.hashkey, "hk3Px"])
    store = CaptchaStore.objects.create(challenge="HK3PX", response="hk3px")
    with pytest.raises(ValidationError):
        field.clean([store.hashkey, "HK3PY"])


def test_the_glyphs_are_at_least_28_pixels_high(client, db):
    store = CaptchaStore.objects.create(challenge="HEHEH", response="heheh")
    image = Image.open(io.BytesIO(client.get(f"/captcha/image/{store.hashkey}/").content)).convert("L")
    width, height = image.size
    pixels = image.load()
    # Rows holding letter strokes (several dark pixels; the noise dots alone never make a row dark).
    rows = [y for y in range(height) if sum(1 for x in range(width) if pixels[x, y] < 100) >= 6]
    assert rows, "no letters found"
    assert rows[-1] - rows[0] + 1 >= 28


def _frames(data: bytes) -> tuple[int, int]:
    with wave.open(io.BytesIO(data), "rb") as clip:
        return clip.getnframes(), clip.getframerate()


@pytest.mark.parametrize("lang, folder", [("vi", "vi"), ("en", "en"), ("zh-hans", "zh")])
def test_the_characters_are_spoken_in_the_readers_language(client, db, lang, folder):
    store = CaptchaStore.objects.create(challenge="AC3", response="ac3")
    response = client.get(f"/captcha/spoken/{store.hashkey}.wav?lang={lang}")
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert response["Cache-Control"] == "no-store"
    frames, rate = _frames(response.content)
    clips = sum(_frames((AUDIO_DIR / folder / f"{c}.wav").read_bytes())[0] for c in "AC3")
    assert frames == clips + 4 * int(rate * PAUSE_SECONDS)


def test_a_used_or_expired_captcha_is_not_spoken(client, db):
    old = CaptchaStore.objects.create(challenge="AC3", response="ac3")
    CaptchaStore.objects.filter(pk=old.pk).update(expiration=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/captcha/spoken/{old.hashkey}.wav").status_code == 404
    assert client.get("/captcha/spoken/nothere.wav").status_code == 404


def test_after_a_wrong_answer_the_cursor_is_on_the_captcha(client, db):
    zone = EconomicZoneFactory(code="CB")
    article = ArticleFactory(zone=zone, category=CategoryFactory(), slug="bai-viet")
    key = CaptchaStore.generate_key()
    response = client.post(
        f"/news/{article.slug}/comment/",
        {"name": "Nguyễn Văn Bình", "body": "Xin hỏi.", "captcha_0": key, "captcha_1": "WRONG"},
    )
    text = response.content.decode()
    assert 'name="name"' in text and 'name="captcha_1"' in text
    name_input = text[text.index('name="name"') - 200 : text.index('name="name"') + 200]
    captcha_input = text[text.index('name="captcha_1"') - 300 : text.index('name="captcha_1"') + 300]
    assert "autofocus" not in name_input
    assert "autofocus" in captcha_input
    assert "/captcha/spoken/" in text and "captcha-refresh" in text
