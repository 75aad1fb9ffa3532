import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from borderzone.access.permissions import get_changeable_or_404
from borderzone.zones.models import GateArea
from borderzone.zones.tests.factories import GateAreaFactory

pytestmark = pytest.mark.django_db


def test_get_changeable_or_404_gives_the_object_to_those_who_may_change_it(zone, specialist, admin_user):
    area = GateAreaFactory(zone=zone, code="TL")

    assert get_changeable_or_404(specialist, GateArea.objects.all(), code="TL") == area
    assert get_changeable_or_404(admin_user, GateArea.objects.all(), pk=area.pk) == area


def test_get_changeable_or_404_is_403_for_a_reader_and_404_for_others(zone, leader, other_specialist):
    GateAreaFactory(zone=zone, code="TL")

    with pytest.raises(PermissionDenied):
        get_changeable_or_404(leader, GateArea.objects.all(), code="TL")
    with pytest.raises(Http404):
        get_changeable_or_404(other_specialist, GateArea.objects.all(), code="TL")
    with pytest.raises(Http404):
        get_changeable_or_404(leader, GateArea.objects.all(), code="NOPE")
