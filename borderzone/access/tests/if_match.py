"""The optimistic-locking contract of every API write of a record people edit (used by each app's API tests)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.test import Client

Response = Any  # the test client's response


def send(client: Client, method: str, url: str, body: dict[str, Any], if_match: str | None) -> Response:
    headers = {"If-Match": if_match} if if_match is not None else {}
    call = getattr(client, method)
    return call(url, json.dumps(body, default=str), content_type="application/json", headers=headers)


def assert_if_match_contract(
    *,
    read_etag: Callable[[], str],
    change: Callable[[dict[str, Any], str | None], Response],
    first: dict[str, Any],
    stale: dict[str, Any],
    fresh: dict[str, Any],
    current: Callable[[], Any],
) -> None:
    """`read_etag()` is the record's version as a GET gives it; `change(body, if_match)` sends a write. A write
    naming the version read is taken and answers the new version (which a GET then gives too); one naming the
    old version gets 412 and changes nothing; one naming the new version is taken; one without If-Match is
    taken as before (the header is optional)."""
    etag = read_etag()
    assert etag.startswith('"') and len(etag) > 2
    done = change(first, etag)
    assert done.status_code in (200, 201), done.content
    assert done["ETag"] != etag
    assert read_etag() == done["ETag"]
    before = current()

    refused = change(stale, etag)
    assert refused.status_code == 412
    assert refused.json()["detail"]
    assert current() == before

    again = change(fresh, done["ETag"])
    assert again.status_code in (200, 201), again.content
    assert current() != before
    assert change(first, None).status_code in (200, 201)
    assert current() == before
