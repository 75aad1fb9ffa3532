from __future__ import annotations

import datetime as dt

import factory

from borderzone.planning.models import AgreementAction, CooperationAgreement, Goal, GoalStatus, Milestone
from borderzone.zones.tests.factories import EconomicZoneFactory


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    zone = factory.SubFactory(EconomicZoneFactory)
    code = factory.Sequence(lambda n: f"G-{n}")
    title = factory.Sequence(lambda n: f"Mục tiêu {n}")
    phase_start_year = 2020
    phase_end_year = 2025
    start_date = dt.date(2020, 1, 1)
    target_date = dt.date(2025, 12, 31)
    responsible_agency = "Ban Quản lý Khu kinh tế"
    status = GoalStatus.IN_PROGRESS
    progress_percent = 40


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Mốc {n}")
    target_date = dt.date(2024, 6, 30)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationAgreement

    zone = factory.SubFactory(EconomicZoneFactory)
    title = factory.Sequence(lambda n: f"Thỏa thuận {n}")
    vietnamese_party = "UBND tỉnh Cao Bằng"
    partner_party = "Chính quyền thành phố Bách Sắc"
    signed_on = dt.date(2023, 4, 20)
    fields = ["trade"]


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementAction

    agreement = factory.SubFactory(AgreementFactory)
    description = factory.Sequence(lambda n: f"Hành động {n}")
