from __future__ import annotations

from typing import Any

import factory

from borderzone.accounts.models import Role, User, ZoneAssignment

TEST_PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn"
    last_name = "Văn A"
    role = Role.SPECIALIST
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def zones(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            for zone in extracted:
                ZoneAssignment.objects.get_or_create(user=self, zone=zone)
