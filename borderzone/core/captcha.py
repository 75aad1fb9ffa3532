"""A captcha people can read and hear: characters that cannot be taken for one another, drawn large,
answered in either case, with a new picture on request and the same characters spoken in the reader's
language (clips made once by scripts/captcha-audio.py, so no speech engine is needed at run time)."""

from __future__ import annotations

import io
import secrets
import wave
from functools import cache
from pathlib import Path
from typing import Any

from captcha.fields import CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

# No 0/O/Q, 1/I/L, 5/S, 2/Z, 8/B, 6/G, and no letters whose Vietnamese names sound alike (J, W).
CHARACTERS = "ACDEFHKMNPRTUVXY3479"
AUDIO_DIR = Path(__file__).resolve().parent / "data" / "captcha_audio"
AUDIO_LANGUAGES = {"vi": "vi", "en": "en", "zh-hans": "zh"}
PAUSE_SECONDS = 0.55


def readable_challenge() -> tuple[str, str]:
    """The characters drawn (upper case) and the answer kept (lower case; the field lowers what is typed)."""
    text = "".join(secrets.choice(CHARACTERS) for _ in range(settings.CAPTCHA_LENGTH))
    return text, text.lower()


@cache
def _clip(language: str, char: str) -> tuple[wave._wave_params, bytes]:
    with wave.open(str(AUDIO_DIR / language / f"{char}.wav"), "rb") as clip:
        return clip.getparams(), clip.readframes(clip.getnframes())


def spoken(text: str, language_code: str) -> bytes:
    """A WAV file saying each character of `text` in the language (Vietnamese when it has no clips),
    with a pause between them and faint noise, so the file is never the same twice."""
    language = AUDIO_LANGUAGES.get(language_code, "vi")
    params, _ = _clip(language, CHARACTERS[0])
    width, rate = params.sampwidth, params.framerate
    pause = int(rate * PAUSE_SECONDS)
    out = io.BytesIO()
    with wave.open(out, "wb") as result:
        result.setnchannels(1)
        result.setsampwidth(width)
        result.setframerate(rate)
        result.writeframes(_noise(pause, width))
        for char in text.upper():
            if char not in CHARACTERS:
                continue
            result.writeframes(_clip(language, char)[1])
            result.writeframes(_noise(pause, width))
    return out.getvalue()


def _noise(samples: int, width: int) -> bytes:
    limit = 1 << (8 * width - 7)  # about 1 % of full scale: audible as hiss, never over the voice
    return b"".join(
        (secrets.randbelow(2 * limit) - limit).to_bytes(width, "little", signed=True) for _ in range(samples)
    )


class CaptchaWidget(CaptchaTextInput):  # typed by typings/captcha
    """The captcha picture at its own size with alternative text in the reader's language, a button for
    another picture (captcha.js) and a link to hear the characters."""

    template_name = "core/captcha_widget.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)
        context["refresh_url"] = self.refresh_url()
        context["spoken_url"] = spoken_url(self._key)
        return context


def spoken_url(key: str) -> str:
    return f"{reverse('captcha-spoken', args=[key])}?lang={get_language() or 'vi'}"


def captcha_audio(request: HttpRequest, key: str) -> HttpResponse:
    """The characters of a live captcha, spoken; 404 once it is answered or expired."""
    if not key.isalnum() or len(key) > 64:
        raise Http404
    store = CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now()).first()
    if store is None:
        raise Http404
    response = HttpResponse(spoken(store.challenge, request.GET.get("lang", "vi")), content_type="audio/wav")
    response["Cache-Control"] = "no-store"
    return response


class FocusFirstError(forms.Form):
    """After a failed submit, the cursor goes to the first field with an error (the captcha, usually),
    not to the field marked autofocus for a fresh form."""

    def full_clean(self) -> None:
        super().full_clean()
        if not self.errors:
            return
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)
        first = next((name for name in self.fields if name in self.errors), None)
        if first is not None:
            self.fields[first].widget.attrs["autofocus"] = True
