from __future__ import annotations

import time
from typing import Any

import factory
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from borderzone.accounts.models import Role, User, ZoneAssignment

TEST_PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "A"
    last_name = "Nguyễn Văn"
    role = Role.SPECIALIST
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def zones(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            for zone in extracted:
                ZoneAssignment.objects.get_or_create(user=self, zone=zone)


def give_authenticator(user: User) -> TOTPDevice:
    """A confirmed authenticator app for a user, as if they had enrolled."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def code_for(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one when the current one was used already (no replay)."""
    device.refresh_from_db()
    counter = max(int(time.time() - device.t0) // device.step + device.drift, device.last_t + 1)
    return f"{hotp(device.bin_key, counter, device.digits):0{device.digits}d}"
