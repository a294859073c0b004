import pytest

from tests.support import redis_server, services


def _require(item, reason):
    if reason is None:
        return
    if services.in_ci():
        pytest.fail(f"CI must provide this service: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        _require(item, services.postgres_missing_reason())
    if item.get_closest_marker("redis"):
        _require(item, services.redis_missing_reason())
    if item.get_closest_marker("redis_server"):
        _require(item, redis_server.binary_missing_reason())


@pytest.fixture(autouse=True)
def _fresh_organisation_name():
    """The organisation's name is cached per process; each test's database starts anew."""
    from campaign import organisation

    organisation.forget()
