from functools import partial

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory

from borderzone.access.pages import form_page, staff_form_view, zone_from_query
from borderzone.access.permissions import get_changeable_or_404
from borderzone.core.forms import initial_from
from borderzone.zones.models import EconomicZone
from borderzone.zones.tests.factories import GateAreaFactory

pytestmark = pytest.mark.django_db


class AreaForm(forms.Form):
    code = forms.CharField(max_length=30)
    name = forms.CharField(max_length=200)


class UploadForm(forms.Form):
    file = forms.FileField()


def _request(user, method="get", data=None):
    request = getattr(RequestFactory(), method)("/staff/form/", data or {}, REMOTE_ADDR="10.0.0.7")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _page(request, target, save, form=AreaForm, **kwargs):
    options = {"template": "zones/area_form.html", "title": "Form title", "back": "/back/", "done": "Saved.", **kwargs}
    return staff_form_view(request, target, form, save, **options)


def _never(**data):
    raise AssertionError("the service must not be called")


def test_the_view_decides_once_a_leader_gets_403_and_a_specialist_of_another_zone_404(zone, leader, other_specialist):
    # The page takes a target whose permission the view decided with get_changeable_or_404; it does not decide again.
    with pytest.raises(PermissionDenied):
        get_changeable_or_404(leader, EconomicZone.objects.all(), code=zone.code)
    with pytest.raises(Http404):
        get_changeable_or_404(other_specialist, EconomicZone.objects.all(), code=zone.code)


def test_a_get_shows_the_unbound_form_with_its_context_and_the_targets_zone(zone, specialist):
    area = GateAreaFactory(zone=zone, code="TL", name="Trà Lĩnh")

    response = _page(_request(specialist), area, _never, form=partial(AreaForm, initial=initial_from(area, ["name"])))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Form title</h1>" in html
    assert 'value="Trà Lĩnh"' in html
    assert f'href="/staff/zones/{zone.code}/"' in html  # the zone comes from the target


def test_the_page_has_its_title_back_link_and_extra_context(zone, specialist):
    response = _page(_request(specialist), zone, _never, template="planning/form.html", context={"multipart": True})

    html = response.content.decode()
    assert "<h1>Form title</h1>" in html
    assert '<a href="/back/">' in html
    assert 'enctype="multipart/form-data"' in html


def test_an_invalid_form_answers_422_without_calling_the_service(zone, specialist):
    response = _page(_request(specialist, "post", {"code": "A"}), zone, _never)

    assert response.status_code == 422
    assert 'id="id_name_error"' in response.content.decode()


def test_the_services_validation_error_lands_on_the_form_field_and_keeps_what_was_typed(zone, specialist):
    def save(**data):
        raise ValidationError({"code": "This code is taken.", "zone": "Not a field of the form."})

    response = _page(_request(specialist, "post", {"code": "TL", "name": "Trà Lĩnh"}), zone, save)

    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_code_error">This code is taken.' in html
    assert "Not a field of the form." in html
    assert 'value="Trà Lĩnh"' in html


def test_a_valid_form_calls_the_service_with_the_requests_actor_then_redirects(zone, specialist):
    calls = []

    def save(*, actor, **data):
        calls.append((actor.user, actor.ip_address, actor.via, data))
        return "TL"

    request = _request(specialist, "post", {"code": "TL", "name": "Trà Lĩnh"})
    response = _page(request, zone, save, next_url=lambda code: f"/areas/{code}/")

    assert response.status_code == 302
    assert response["Location"] == "/areas/TL/"
    assert calls == [(specialist, "10.0.0.7", "web", {"code": "TL", "name": "Trà Lĩnh"})]
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_without_next_url_a_saved_form_leads_back(zone, specialist):
    response = _page(_request(specialist, "post", {"code": "TL", "name": "Trà Lĩnh"}), zone, lambda **data: None)

    assert response.status_code == 302
    assert response["Location"] == "/back/"


def test_done_may_add_its_own_message_from_the_result(zone, specialist):
    def done(request, result):
        request._messages.add(30, f"Flagged: {result}")

    request = _request(specialist, "post", {"code": "TL", "name": "Trà Lĩnh"})
    response = _page(request, zone, lambda **data: "over need", done=done)

    assert response.status_code == 302
    assert [(m.level, str(m)) for m in get_messages(request)] == [(30, "Flagged: over need")]


def test_with_files_the_upload_reaches_the_service(zone, specialist):
    received = []
    request = _request(specialist, "post", {"file": SimpleUploadedFile("a.txt", b"hello")})

    response = _page(
        request, zone, lambda *, actor, file: received.append(file.read()), form=UploadForm, with_files=True
    )

    assert response.status_code == 302
    assert received == [b"hello"]


def test_the_zone_a_page_is_asked_for_else_the_default_and_404_for_an_unknown_code(zone, other_zone, settings):
    settings.DEFAULT_ZONE_CODE = other_zone.code
    factory = RequestFactory()

    assert zone_from_query(factory.get("/plan/", {"zone": zone.code})) == zone
    assert zone_from_query(factory.get("/plan/")) == other_zone
    with pytest.raises(Http404):
        zone_from_query(factory.get("/plan/", {"zone": "NOPE"}))


def test_form_page_checks_no_permission_and_shows_only_the_context_it_is_given(zone, leader):
    # The caller checks the permission (an administrator's page, say): form_page adds no zone, title or back.
    response = form_page(
        _request(leader, "post", {"code": "A"}),
        AreaForm,
        _never,
        template="accounts/user_form.html",
        done="Saved.",
        context={"title": "Rule"},
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "<h1>Rule</h1>" in html
    assert zone.board_name not in html


def test_form_page_saves_with_the_requests_actor_and_leads_back(leader):
    calls = []
    request = _request(leader, "post", {"code": "TL", "name": "Trà Lĩnh"})

    response = form_page(
        request,
        AreaForm,
        lambda *, actor, **data: calls.append((actor.user, data)),
        template="accounts/user_form.html",
        done="Rule saved.",
        back="/rules/",
    )

    assert response.status_code == 302
    assert response["Location"] == "/rules/"
    assert calls == [(leader, {"code": "TL", "name": "Trà Lĩnh"})]
    assert [str(m) for m in get_messages(request)] == ["Rule saved."]
