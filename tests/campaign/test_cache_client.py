"""The site's Redis cache keeps one redis client per connection pool (campaign.cache):
Django builds a new one for every operation, reply-handler table and all."""

import os
import threading
import uuid

import pytest

from campaign.settings.base import redis_cache

pytestmark = [pytest.mark.redis]


def site_cache():
    """The production cache (the tests' own is another), under a prefix of this test's."""
    from django.utils.module_loading import import_string

    config = redis_cache(os.environ["REDIS_URL"])
    backend = import_string(config.pop("BACKEND"))
    location = config.pop("LOCATION")
    return backend(location, {**config, "KEY_PREFIX": f"client-test-{uuid.uuid4().hex}"})


def test_every_operation_uses_the_same_client():
    cache = site_cache()
    clients = set()
    original = cache._cache.get_client

    def spy(*args, **kwargs):
        client = original(*args, **kwargs)
        clients.add(id(client))
        return client

    cache._cache.get_client = spy
    cache.set("probe", "calm", 60)
    assert cache.get("probe") == "calm"
    assert cache.get_many(["probe", "missing"]) == {"probe": "calm"}
    cache.delete("probe")
    assert len(clients) == 1


def test_the_shared_client_answers_each_thread_its_own_keys():
    cache = site_cache()
    answers, errors = {}, []

    def work(number):
        try:
            for round_number in range(50):
                value = f"{number}-{round_number}"
                cache.set(f"key-{number}", value, 60)
                if cache.get(f"key-{number}") != value:
                    errors.append((number, round_number))
            answers[number] = cache.get(f"key-{number}")
        except Exception as exc:  # reported below, with the thread's number lost
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert answers == {number: f"{number}-49" for number in range(8)}
    cache.delete_many([f"key-{number}" for number in range(8)])
