from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from borderzone.documents.tests.factories import create_published_document
from borderzone.promotion import services
from borderzone.promotion.models import SectorLevel
from borderzone.promotion.tests.factories import SectorFactory
from borderzone.zones.tests.factories import FunctionalAreaFactory


@pytest.fixture
def solved_captcha(db):
    """A real captcha challenge and its right answer, as a visitor who read the picture would type it."""
    from captcha.models import CaptchaStore

    def build():
        key = CaptchaStore.generate_key()
        return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}

    return build


@pytest.fixture
def law(zone, actor):
    return create_published_document(
        zone=zone,
        actor=actor,
        number="67/2025/QH15",
        doc_type="law",
        field="finance",
        issuer="Quốc hội",
        title="Luật Thuế thu nhập doanh nghiệp",
        issued_on=dt.date(2025, 6, 14),
        effective_on=dt.date(2025, 10, 1),
    )


@pytest.fixture
def sectors(db):
    manufacturing = SectorFactory(code="C", name="Công nghiệp chế biến, chế tạo")
    transport = SectorFactory(code="H", name="Vận tải kho bãi")
    food = SectorFactory(
        code="10", level=SectorLevel.DIVISION, name="Sản xuất, chế biến thực phẩm", parent=manufacturing
    )
    return {"C": manufacturing, "H": transport, "10": food}


@pytest.fixture
def areas(zone, gate_area):
    return {
        "non_tariff": FunctionalAreaFactory(
            zone=zone, kind="non_tariff", name="Khu phi thuế quan", gate_area=gate_area
        ),
        "park": FunctionalAreaFactory(zone=zone, kind="industrial_park", name="Khu công nghiệp"),
    }


@pytest.fixture
def make_incentive(zone, actor, law):
    def build(**fields):
        values = {
            "title": "Thuế suất thu nhập doanh nghiệp 10% trong 15 năm",
            "kind": "cit_rate",
            "description": "Áp dụng thuế suất 10% trong 15 năm.",
            "area_scope": "whole_zone",
            "document": law,
            "clause": "Điều 13, khoản 1",
            "clause_text": "Thuế suất ưu đãi 10% trong thời hạn 15 năm áp dụng đối với ...",
            "is_published": True,
        }
        values.update(fields)
        return services.incentive_create(zone=zone, actor=actor, **values)

    return build


@pytest.fixture
def make_call(zone, actor, gate_area):
    def build(**fields):
        values = {
            "title": "Kho ngoại quan Trà Lĩnh",
            "objectives": "Kho ngoại quan 5 ha phục vụ hàng hóa xuất nhập khẩu.",
            "gate_area": gate_area,
            "latitude": Decimal("22.80901"),
            "longitude": Decimal("106.33212"),
            "land_area_ha": Decimal("5"),
            "capital_amount": Decimal("150000000000"),
            "capital_currency": "VND",
            "status": "open",
            "is_published": True,
        }
        values.update(fields)
        return services.call_create(zone=zone, actor=actor, **values)

    return build
