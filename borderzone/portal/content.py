"""What the portal accepts as content: sanitised rich text, checked images, hashed visitor identities."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

import nh3
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from borderzone.access.actors import client_ip
from borderzone.core.text import strip_accents
from borderzone.core.visitors import is_bot_agent

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "h2", "h3", "h4", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "caption", "figure", "figcaption", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


def sanitize_html(html: str) -> str:
    """Rich text reduced to harmless markup: no scripts, event handlers, styles or javascript: links."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


_SLUG_TRIM = re.compile(r"-+")


def make_slug(text: str, max_length: int = 100) -> str:
    """An ASCII slug from Vietnamese text: "Cửa khẩu Trà Lĩnh" -> "cua-khau-tra-linh"."""
    slug = slugify(strip_accents(text))[:max_length].strip("-")
    return _SLUG_TRIM.sub("-", slug) or "bai-viet"


# Images ---------------------------------------------------------------------------------------------

IMAGE_MAX_BYTES = 8 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
IMAGE_MAX_SIDE = 1600
THUMB_MAX_SIDE = 480


@dataclass(frozen=True)
class ProcessedImage:
    main: bytes
    thumbnail: bytes
    extension: str
    content_type: str
    width: int
    height: int


def process_image(data: bytes) -> ProcessedImage:
    """Check that the bytes are an image by their content, then re-encode it resized (metadata dropped)."""
    if len(data) > IMAGE_MAX_BYTES:
        raise ValidationError({"image": _("The image is larger than 8 MB.")})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
            fmt = probe.format
        if fmt not in IMAGE_FORMATS:
            raise ValidationError({"image": _("Only JPEG, PNG, WebP and GIF images are accepted.")})
        image: Image.Image = Image.open(io.BytesIO(data))
        if image.width * image.height > IMAGE_MAX_PIXELS:
            raise ValidationError({"image": _("The image has too many pixels.")})
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError({"image": _("The file is not an image that can be read.")}) from None
    image = ImageOps.exif_transpose(image)
    keeps_alpha = image.mode in ("RGBA", "LA", "P") and fmt != "JPEG"
    image = image.convert("RGBA" if keeps_alpha else "RGB")
    extension, content_type, save_as = ("png", "image/png", "PNG") if keeps_alpha else ("jpg", "image/jpeg", "JPEG")

    def encode(img: Image.Image, side: int) -> bytes:
        copy = img.copy()
        copy.thumbnail((side, side), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        copy.save(out, save_as, **({"quality": 85, "optimize": True} if save_as == "JPEG" else {"optimize": True}))
        return out.getvalue()

    main = encode(image, IMAGE_MAX_SIDE)
    with Image.open(io.BytesIO(main)) as saved:
        width, height = saved.size
    return ProcessedImage(main, encode(image, THUMB_MAX_SIDE), extension, content_type, width, height)


# Visitors -------------------------------------------------------------------------------------------

_VISITOR_SALT = "borderzone.portal.visitor"


def address_hash(address: str | None) -> str:
    """A salted hash of a network address; the salt is a key derived from SECRET_KEY, so hashes are not reversible by lookup."""
    return salted_hmac(_VISITOR_SALT, f"addr:{address or '-'}", algorithm="sha256").hexdigest()[:40]


def visitor_hash(request: HttpRequest) -> str:
    """A salted hash of the visitor's address and browser: who rated, flagged or visited, never the address."""
    agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    return salted_hmac(_VISITOR_SALT, f"visitor:{client_ip(request) or '-'}|{agent}", algorithm="sha256").hexdigest()[
        :40
    ]


def reporter_key(request: HttpRequest) -> str:
    """Who reports a comment: a signed-in user once, anyone else once per address (salted hash; the browser is
    not part of it, so changing the user agent does not make another reporter)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"addr:{address_hash(client_ip(request))}"


def is_bot(request: HttpRequest) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")
    return is_bot_agent(agent)


def path_hash(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()[:32]
