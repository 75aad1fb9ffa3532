"""Four eyes on news: whoever changed an article since its last approval cannot approve it."""

import pytest
from django.core.exceptions import ValidationError

from borderzone.access.actors import Actor
from borderzone.accounts.tests.factories import UserFactory
from borderzone.portal import services
from borderzone.portal.tests.test_views import _png

pytestmark = pytest.mark.django_db


def test_a_second_editor_who_edited_someones_draft_cannot_approve_it(article, actor, editor_actor):
    services.article_return(article=article, actor=editor_actor)
    services.article_update(article=article, actor=editor_actor, title="Bài mẫu đã sửa")
    services.article_submit(article=article, actor=editor_actor)
    with pytest.raises(ValidationError, match="người khác phải phê duyệt"):
        services.article_approve(article=article, actor=editor_actor)
    third = Actor(user=UserFactory(username="spec_z", role="specialist", zones=[article.zone]), via="test")
    services.article_approve(article=article, actor=third)
    article.refresh_from_db()
    assert (article.status, article.approved_by, article.changed_by_ids) == ("approved", third.user, [])


def test_an_image_added_after_approval_sends_the_article_back(client, article, actor, editor_actor):
    assert article.is_published()
    services.image_add(article=article, data=_png(), alt="Ảnh thêm sau", actor=editor_actor)
    article.refresh_from_db()
    assert (article.status, article.approved_by, article.changed_by_ids) == ("draft", None, [editor_actor.user.pk])
    assert client.get(article.get_absolute_url()).status_code == 404
    services.article_submit(article=article, actor=editor_actor)
    with pytest.raises(ValidationError, match="người khác phải phê duyệt"):
        services.article_approve(article=article, actor=editor_actor)
