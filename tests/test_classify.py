"""Which tests are `slow` and `serial` by nature (tests/support/classify.py), seen on
plain stand-ins for pytest's items."""

import pytest

from tests.support import classify


class Marker:
    def __init__(self, name):
        self.name = name


class Item:
    def __init__(self, markers=(), fixtures=(), hypothesis=False):
        self.markers = [Marker(name) for name in markers]
        self.fixturenames = list(fixtures)
        self.obj = type("Test", (), {"is_hypothesis_test": hypothesis})()

    def get_closest_marker(self, name):
        return next((m for m in self.markers if m.name == name), None)

    def add_marker(self, marker):
        self.markers.append(marker)

    def names(self):
        return {m.name for m in self.markers}


def classified(**kwargs):
    item = Item(**kwargs)
    classify.classify([item], Marker)
    return item.names()


def test_a_plain_database_test_is_neither_slow_nor_serial():
    assert classified(markers=["django_db"], fixtures=["db", "client"]) == {"django_db"}


@pytest.mark.parametrize(
    "fixture", ["demo_for_module", "demo_committed", "live_server", "chromium"]
)
def test_the_demo_a_live_server_or_chromium_make_a_test_slow(fixture):
    # demo_content and each folder's own `demo` fixture ask for demo_for_module: the
    # item's fixture names are the whole closure.
    assert "slow" in classified(fixtures=["db", fixture])


@pytest.mark.parametrize("marker", ["worker", "redis_server", "browser"])
def test_a_process_or_a_browser_makes_a_test_slow(marker):
    assert "slow" in classified(markers=[marker])


def test_a_hypothesis_test_is_slow_but_may_share_the_machine():
    assert classified(hypothesis=True) == {"slow"}


def test_a_real_worker_is_slow_but_runs_in_parallel_on_its_own_queue():
    assert classified(markers=["worker", "redis"]) == {"worker", "redis", "slow"}


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"markers": ["redis_server"]}, "marked redis_server"),
        ({"markers": ["browser"]}, "marked browser"),
        ({"fixtures": ["chromium"]}, "uses chromium"),
    ],
)
def test_a_private_redis_server_or_chromium_runs_alone(kwargs, reason):
    item = Item(**kwargs)
    assert classify.serial_reason(item) == reason
    classify.classify([item], Marker)
    assert {"serial", "slow"} <= item.names()


def test_a_test_marked_serial_by_hand_is_slow_too():
    assert classified(markers=["serial"]) == {"serial", "slow"}


def test_markers_already_there_are_not_added_twice():
    item = Item(markers=["slow", "serial", "browser"])
    classify.classify([item], Marker)
    assert sorted(m.name for m in item.markers) == ["browser", "serial", "slow"]


def test_the_reason_names_the_cause():
    assert classify.slow_reason(Item(fixtures=["demo_for_module"])) == "reads the demo database"
    assert classify.slow_reason(Item(markers=["worker"])) == "marked worker"
    assert classify.slow_reason(Item(hypothesis=True)) == "fuzzes with Hypothesis"
    assert classify.slow_reason(Item(fixtures=["db"])) is None
