from __future__ import annotations

import factory

from borderzone.gates.models import BorderGate, GateType
from borderzone.zones.tests.factories import EconomicZoneFactory


class BorderGateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BorderGate

    zone = factory.SubFactory(EconomicZoneFactory)
    code = factory.Sequence(lambda n: f"GATE{n}")
    name = factory.Sequence(lambda n: f"Cửa khẩu {n}")
    gate_type = GateType.MAIN
