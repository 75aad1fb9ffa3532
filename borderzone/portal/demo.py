"""Demo news: the seed article itself (21/09/2020 10:08, by Hoàng Xuân Ánh) and a few gate news items,
written by the demo specialist and approved by the demo administrator, through the services. Each has
an illustrative picture drawn by `demo_images` (nothing fetched from outside), added through the same
image service as an upload, with its alternative text in three languages."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.demo_data import untranslated
from borderzone.accounts.models import User
from borderzone.gates.models import BorderGate
from borderzone.portal import demo_images, services
from borderzone.portal.models import Article, Category
from borderzone.zones.models import EconomicZone

SEED_FILE = Path(__file__).parent / "data" / "seed-article.vi.txt"
VN = ZoneInfo("Asia/Ho_Chi_Minh")

CATEGORIES = [
    # slug, name, English, Chinese, ratings, order
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", "News and events", "新闻动态", True, 10),
    ("cua-khau", "Cửa khẩu", "Border gates", "口岸", True, 20),
    ("thong-bao", "Thông báo", "Announcements", "通知公告", False, 30),
]

SEED_SLUG = "xay-dung-kktck-tinh-tro-thanh-khu-vuc-kinh-te-trong-diem"

GATE_NEWS: list[dict[str, Any]] = [
    {
        "slug": "cua-khau-tra-linh-tro-thanh-cua-khau-quoc-te",
        "category": "cua-khau",
        "title": "Cửa khẩu Trà Lĩnh trở thành cửa khẩu quốc tế",
        "title_en": "Tra Linh becomes an international border gate",
        "title_zh": "茶岭口岸升格为国际口岸",
        "lead": "Từ ngày 28/12/2023, cửa khẩu Trà Lĩnh (Cao Bằng) – Long Bang (Quảng Tây, Trung Quốc) chính thức là "
        "cửa khẩu quốc tế, cùng với việc mở lối thông quan Nà Đoỏng – Nà Ráy.",
        "lead_en": "Since 28 December 2023 the Tra Linh (Cao Bang) – Long Bang (Guangxi, China) gate is an "
        "international border gate, together with the Na Doong – Na Ray crossing.",
        "lead_zh": "自2023年12月28日起，茶岭（高平）—龙邦（中国广西）口岸正式成为国际口岸，同时开通那洞—那拉通道。",
        "body": "<p>Việc nâng cấp cửa khẩu Trà Lĩnh thực hiện định hướng giai đoạn 2019–2025 của tỉnh: nâng cấp "
        "thành cửa khẩu quốc tế, mở lối mở Nà Đoỏng – Nà Ráy, xây dựng khu trung chuyển hàng hóa nông lâm "
        "thủy sản để sớm hình thành cảng cạn ICD.</p><p>Đến năm 2030, tỉnh định hướng hình thành Khu hợp tác "
        "kinh tế qua biên giới Trà Lĩnh – Long Bang, kết nối tuyến cao tốc Trà Lĩnh – Đồng Đăng.</p>",
        "body_en": "<p>Upgrading the Tra Linh gate carries out the province's direction for 2019–2025: raise it to an "
        "international gate, open the Na Doong – Na Ray crossing and build a transit area for farm, forest and "
        "fishery goods so that an ICD dry port can soon take shape.</p><p>By 2030 the province plans a Tra Linh – "
        "Long Bang cross-border economic cooperation zone, connected to the Tra Linh – Dong Dang expressway.</p>",
        "body_zh": "<p>茶岭口岸升级是落实高平省2019–2025年发展方向的举措：升格为国际口岸，开通那洞—那拉通道，"
        "建设农林水产品货物中转区，以尽早形成ICD陆港。</p><p>到2030年，高平省计划建设茶岭—龙邦跨境经济合作区，"
        "并与茶岭—同登高速公路相连接。</p>",
        "published": dt.datetime(2023, 12, 28, 9, 0, tzinfo=VN),
    },
    {
        "slug": "cua-khau-ly-van-duoc-nang-cap-thanh-cua-khau-chinh",
        "category": "cua-khau",
        "title": "Cửa khẩu Lý Vạn được nâng cấp thành cửa khẩu chính",
        "title_en": "Ly Van upgraded to a main border gate",
        "title_zh": "里万口岸升格为主要口岸",
        "lead": "Từ ngày 27/02/2025, cửa khẩu Lý Vạn (Hạ Lang) – Thạc Long là cửa khẩu chính (song phương).",
        "lead_en": "Since 27 February 2025 the Ly Van (Ha Lang) – Shuolong gate is a main (bilateral) border gate.",
        "lead_zh": "自2025年2月27日起，里万（下琅）—硕龙口岸成为双边主要口岸。",
        "body": "<p>Theo định hướng của tỉnh, khu vực cửa khẩu Lý Vạn phát triển thương mại biên giới, kêu gọi đầu "
        "tư xây dựng khu phi thuế quan và tuyến giao thông kết nối với Thác Bản Giốc, động Ngườm Ngao.</p>",
        "body_en": "<p>As the province plans, the Ly Van gate area develops border trade and seeks investors for a "
        "non-tariff zone and for roads to Ban Gioc waterfall and Nguom Ngao cave.</p>",
        "body_zh": "<p>按照高平省的规划，里万口岸区发展边境贸易，招商建设非关税区以及通往板约瀑布和Ngườm Ngao"
        "溶洞的道路。</p>",
        "published": dt.datetime(2025, 2, 27, 14, 30, tzinfo=VN),
    },
    {
        "slug": "cua-khau-ta-lung-tro-thanh-cua-khau-quoc-te",
        "category": "cua-khau",
        "title": "Cửa khẩu Tà Lùng trở thành cửa khẩu quốc tế",
        "title_en": "Ta Lung becomes an international border gate",
        "title_zh": "大隆口岸升格为国际口岸",
        "lead": "Từ ngày 12/9/2025, cửa khẩu Tà Lùng (Quảng Hòa) – Thủy Khẩu là cửa khẩu quốc tế.",
        "lead_en": "Since 12 September 2025 the Ta Lung (Quang Hoa) – Shuikou gate is an international border gate.",
        "lead_zh": "自2025年9月12日起，大隆（广和）—水口口岸成为国际口岸。",
        "body": "<p>Tà Lùng nằm trên hành lang Nam Ninh – Sùng Tả – Tà Lùng – Cao Bằng mà tỉnh định hướng phát "
        "triển đến năm 2030.</p>",
        "body_en": "<p>Ta Lung lies on the Nanning – Chongzuo – Ta Lung – Cao Bang corridor that the province plans "
        "to develop up to 2030.</p>",
        "body_zh": "<p>大隆位于南宁—崇左—大隆—高平走廊上，该走廊是高平省至2030年的发展方向。</p>",
        "published": dt.datetime(2025, 9, 12, 10, 0, tzinfo=VN),
    },
]


# slug -> (picture, alternative text in Vietnamese, English, Chinese); "map" is the sketch of the zone's gates.
PICTURES: dict[str, tuple[str, str, str, str]] = {
    SEED_SLUG: (
        "map",
        "Hình minh họa do hệ thống vẽ: vị trí các cửa khẩu của Khu kinh tế theo tọa độ đã ghi nhận "
        "(chấm lớn: cửa khẩu quốc tế)",
        "Illustration drawn by the system: where the zone's border gates are, by their recorded coordinates "
        "(large dots: international gates)",
        "系统绘制的示意图：按登记坐标标出的经济区各口岸位置（大圆点为国际口岸）",
    ),
    "cua-khau-tra-linh-tro-thanh-cua-khau-quoc-te": (
        "morning",
        "Hình minh họa (không phải ảnh chụp): nhà cửa khẩu và mái che các làn kiểm soát giữa núi đá",
        "Illustration (not a photograph): a border-gate house and the canopy over its control lanes among "
        "limestone hills",
        "示意图（非照片）：石山之间的口岸联检楼和查验通道顶棚",
    ),
    "cua-khau-ly-van-duoc-nang-cap-thanh-cua-khau-chinh": (
        "noon",
        "Hình minh họa (không phải ảnh chụp): cửa khẩu giữa trưa với ba làn kiểm soát",
        "Illustration (not a photograph): a border gate at noon with three control lanes",
        "示意图（非照片）：正午的口岸，设三条查验通道",
    ),
    "cua-khau-ta-lung-tro-thanh-cua-khau-quoc-te": (
        "evening",
        "Hình minh họa (không phải ảnh chụp): cửa khẩu lúc chiều tà",
        "Illustration (not a photograph): a border gate in the evening light",
        "示意图（非照片）：傍晚时分的口岸",
    ),
}


def _picture(kind: str, zone: EconomicZone) -> bytes:
    if kind == "map":
        gates = BorderGate.objects.filter(zone=zone, latitude__isnull=False, longitude__isnull=False)
        return demo_images.zone_map(
            [
                (g.latitude, g.longitude, g.gate_type == "international")
                for g in gates
                if g.latitude is not None and g.longitude is not None  # as filtered: tells the type checker
            ]
        )
    return demo_images.gate_picture(kind)


def _illustrate(article: Article, zone: EconomicZone, writer: Actor, approver: Actor) -> bool:
    """Give a demo article its picture if it has none; an article already approved is approved again
    (adding an image takes it back to draft, as any change of what readers see does)."""
    spec = PICTURES.get(article.slug)
    if spec is None or article.images.exists():
        return False
    kind, alt, alt_en, alt_zh = spec
    was_approved = article.status == "approved"
    services.image_add(article=article, data=_picture(kind, zone), alt=alt, alt_en=alt_en, alt_zh=alt_zh, actor=writer)
    if was_approved:
        article.refresh_from_db()
        services.article_submit(article=article, actor=writer)
        services.article_approve(article=article, actor=approver)
    return True


SEED_LEAD_EN = (
    "Carrying out the resolutions of the 12th National Party Congress and the 18th Provincial Party Congress, "
    "the Cao Bang Provincial Party Committee is determined to renew and be creative in leading and directing, to "
    "attract resources to use the province's potential and strengths, to remove 3 bottlenecks and to mobilise "
    "resources for 3 strategic breakthroughs, among which the development of the border-gate economy has achieved "
    "some positive results: building the province's border-gate economic zone into a key economic area of the "
    "province and making good use of its potential for local socio-economic development."
)
SEED_LEAD_ZH = (
    "高平省委贯彻落实党的第十二次全国代表大会决议和省第十八次党代会决议，决心在领导和指导工作中锐意革新、大胆创新；"
    "集中吸引各类资源，发挥地方潜力和优势；着力破解3个瓶颈，调动资源实施3大战略突破，其中口岸经济发展取得了一些积极成果："
    "将全省边境口岸经济区建设成为全省重点经济区域，有效发挥其促进地方经济社会发展的潜力和优势。"
)


def _translate(article: Article, item: dict[str, Any], writer: Actor, approver: Actor) -> int:
    """Give an article loaded before the demo had them the English and Chinese versions it still lacks; an
    approved article is approved again (a change of what readers see takes it back to draft)."""
    versions = untranslated(article, {k: v for k, v in item.items() if k.endswith(("_en", "_zh"))})
    if not versions:
        return 0
    was_approved = article.status == "approved"
    services.article_update(article=article, actor=writer, **versions)
    if was_approved:
        article.refresh_from_db()
        services.article_submit(article=article, actor=writer)
        services.article_approve(article=article, actor=approver)
    return 1


def seed_article() -> dict[str, str]:
    """Title, byline, lead and body of the seed article, read from the copy kept in portal/data."""
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    title = lines[0].split("-", 1)[1].strip()
    end = next(i for i, line in enumerate(lines) if line.strip() == "img 0163")
    paragraphs = [" ".join(line.split()) for line in lines[3:end] if line.strip()]
    caption = lines[end + 1].strip()
    byline = next(line for line in lines if line.startswith("Tác giả bài viết:")).split(":", 1)[1].strip()
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    body += f"<p><em>{html.escape(caption)}</em></p>"
    return {"title": title, "author_name": byline, "lead": paragraphs[0], "body": body}


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = EconomicZone.objects.get(code="CB")
    author = User.objects.filter(username="chuyenvien").first()
    editor = User.objects.filter(username="admin").first()
    if author is None or editor is None:
        out.write("Demo news: skipped (the demo users are missing).\n")
        return
    writer = Actor(user=author, via=actor.via)
    approver = Actor(user=editor, via=actor.via)
    categories: dict[str, Category] = {}
    for slug, name, name_en, name_zh, ratings, order in CATEGORIES:
        found = Category.objects.filter(slug=slug).first()
        categories[slug] = found or services.category_create(
            actor=actor,
            name=name,
            slug=slug,
            name_en=name_en,
            name_zh=name_zh,
            ratings_enabled=ratings,
            sort_order=order,
        )
    created = illustrated = 0
    articles: dict[str, Article] = {}
    seed = seed_article()
    items: list[dict[str, Any]] = [
        {
            "slug": SEED_SLUG,
            "category": "tin-tuc-su-kien",
            "title_en": "Building the province's border-gate economic zone into a key economic area",
            "title_zh": "将高平省边境口岸经济区建设成为重点经济区域",
            # The lead only: the body is the province's article, shown in Vietnamese and said to be so.
            "lead_en": SEED_LEAD_EN,
            "lead_zh": SEED_LEAD_ZH,
            "published": dt.datetime(2020, 9, 21, 10, 8, tzinfo=VN),
            **seed,
        },
        *GATE_NEWS,
    ]
    translated = 0
    for item in items:
        existing = Article.objects.filter(slug=item["slug"]).first()
        if existing is not None:
            articles[item["slug"]] = existing
            illustrated += _illustrate(existing, zone, writer, approver)
            translated += _translate(existing, item, writer, approver)
            continue
        fields = {k: v for k, v in item.items() if k not in {"slug", "category", "published"}}
        fields.setdefault("author_name", "Ban Quản lý Khu kinh tế tỉnh Cao Bằng")
        article = services.article_create(
            zone=zone,
            category=categories[item["category"]],
            slug=item["slug"],
            publish_at=item["published"],
            actor=writer,
            **fields,
        )
        illustrated += _illustrate(article, zone, writer, approver)
        services.article_submit(article=article, actor=writer)
        services.article_approve(article=article, actor=approver)
        articles[article.slug] = article
        created += 1
    seed_article_obj = articles[SEED_SLUG]
    if not seed_article_obj.related.exists():
        services.article_update(
            article=seed_article_obj, actor=writer, related=[articles["cua-khau-tra-linh-tro-thanh-cua-khau-quoc-te"]]
        )
    out.write(
        f"Demo news: {created} articles created, {len(articles) - created} already there, {illustrated} illustrated, "
        f"{translated} translated.\n"
    )
