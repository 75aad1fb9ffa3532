"""Four eyes on legal documents: draft -> submitted -> approved -> published, refused in the service."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from borderzone.access.actors import Actor, command_actor
from borderzone.accounts.tests.factories import UserFactory
from borderzone.documents import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(zone):
    return Actor(user=UserFactory(username="spec_b", role="specialist", zones=[zone]), via="test")


@pytest.fixture
def draft(zone, make_document):
    return make_document(zone, is_published=False)


def test_one_person_cannot_publish_alone(draft, actor):
    with pytest.raises(ValidationError, match="sau khi một người khác phê duyệt"):
        services.document_set_published(document=draft, published=True, actor=actor)
    services.document_submit(document=draft, actor=actor)
    with pytest.raises(ValidationError, match="người khác phải phê duyệt"):
        services.document_approve(document=draft, actor=actor)
    draft.refresh_from_db()
    assert (draft.review_status, draft.is_published) == ("submitted", False)


def test_a_second_editor_who_changed_the_draft_cannot_approve_it(draft, actor, second):
    services.document_update(document=draft, actor=second, title="Tiêu đề đã sửa")
    services.document_submit(document=draft, actor=second)
    with pytest.raises(ValidationError, match="người khác phải phê duyệt"):
        services.document_approve(document=draft, actor=second)
    with pytest.raises(ValidationError, match="người khác phải phê duyệt"):
        services.document_approve(document=draft, actor=actor)  # the author changed it too
    third = Actor(user=UserFactory(username="leader_x", role="leader"), via="test")
    services.document_approve(document=draft, actor=third)
    services.document_set_published(document=draft, published=True, actor=actor)
    draft.refresh_from_db()
    assert (draft.review_status, draft.is_published, draft.approved_by, draft.changed_by_ids) == (
        "approved",
        True,
        third.user,
        [],
    )


def test_a_command_cannot_approve(draft, actor):
    services.document_submit(document=draft, actor=actor)
    with pytest.raises(ValidationError, match="do một người thực hiện"):
        services.document_approve(document=draft, actor=command_actor("test"))


def test_a_file_added_after_approval_sends_it_back_and_off_the_public_register(
    client, draft, actor, second, pdf_upload
):
    services.document_submit(document=draft, actor=actor)
    services.document_approve(document=draft, actor=second)
    services.document_set_published(document=draft, published=True, actor=second)
    assert client.get(reverse("documents:detail", args=[draft.pk])).status_code == 200

    services.document_file_add(document=draft, upload=pdf_upload("Phụ lục thêm sau"), actor=second)

    draft.refresh_from_db()
    assert (draft.review_status, draft.is_published, draft.approved_by, draft.changed_by_ids) == (
        "draft",
        False,
        None,
        [second.user.pk],
    )
    assert client.get(reverse("documents:detail", args=[draft.pk])).status_code == 404
    services.document_submit(document=draft, actor=second)
    with pytest.raises(ValidationError):
        services.document_approve(document=draft, actor=second)
    services.document_approve(document=draft, actor=actor)  # the author did not change it since approval


def test_the_database_refuses_a_published_document_that_was_not_approved(draft):
    from django.db import IntegrityError, transaction

    draft.is_published = True
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save(update_fields=["is_published"])


def test_the_staff_page_walks_the_steps_and_shows_the_refusal(client, draft, specialist, zone):
    client.force_login(specialist)
    url = reverse("documents:staff-document-publish", args=[draft.pk])
    client.post(url, {"step": "submit"})
    refused = client.post(url, {"step": "approve"}, follow=True)
    assert "người khác phải phê duyệt" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.review_status == "submitted"
    other = UserFactory(username="spec_c", role="specialist", zones=[zone])
    client.force_login(other)
    client.post(url, {"step": "approve"})
    client.post(url, {"step": "publish"})
    draft.refresh_from_db()
    assert (draft.review_status, draft.is_published, draft.approved_by) == ("approved", True, other)
