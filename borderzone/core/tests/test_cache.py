from borderzone.core.cache import bump_version, cached, current_version


def test_a_cached_value_is_recomputed_after_its_scope_changes(db):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached(("zones",), "count", compute) == 1
    assert cached(("zones",), "count", compute) == 1
    bump_version("zones")
    assert cached(("zones",), "count", compute) == 2
    before = current_version("zones", "trade")
    bump_version("trade")
    after = current_version("zones", "trade")
    assert before.split(".")[0] == after.split(".")[0]
    assert int(after.split(".")[1]) == int(before.split(".")[1]) + 1
