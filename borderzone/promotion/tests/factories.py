from __future__ import annotations

import factory

from borderzone.promotion.models import Sector, SectorLevel


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("classification", "code")

    classification = "VSIC2025"
    level = SectorLevel.SECTION
    code = "C"
    name = "Công nghiệp chế biến, chế tạo"
