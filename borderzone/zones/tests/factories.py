from __future__ import annotations

from decimal import Decimal

import factory

from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, FunctionalAreaKind, GateArea, Province


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "04"
    name = "Cao Bằng"
    full_name = "Tỉnh Cao Bằng"
    name_en = "Cao Bang"
    unit_type = "Tỉnh"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"9{n:04d}")
    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    full_name = factory.LazyAttribute(lambda o: f"Xã {o.name}")
    unit_type = "Xã"


class EconomicZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EconomicZone
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"Z{n}")
    name = factory.Sequence(lambda n: f"Khu kinh tế cửa khẩu {n}")
    name_en = factory.Sequence(lambda n: f"Border-gate economic zone {n}")
    province = factory.SubFactory(ProvinceFactory)
    board_name = "Ban Quản lý Khu kinh tế"
    area_ha = Decimal("30130.34")


class GateAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GateArea

    zone = factory.SubFactory(EconomicZoneFactory)
    code = factory.Sequence(lambda n: f"GA{n}")
    name = factory.Sequence(lambda n: f"Khu vực {n}")


class FunctionalAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FunctionalArea

    zone = factory.SubFactory(EconomicZoneFactory)
    kind = FunctionalAreaKind.INDUSTRIAL_PARK
    name = factory.Sequence(lambda n: f"Khu công nghiệp {n}")
