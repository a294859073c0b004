"""The one "read view restrictions once" mechanism both apps use
(events.core.services.restrictions on events.core.services.request_memo).

Within a request the restricted paths are read once and that answer stands; outside one
(tasks, commands, feeds built in a worker) every call reads afresh; the memo never
outlives its request and never crosses to another thread.
"""

import threading

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from events.core.services import request_memo, restrictions
from tests.events import factories


def restrict(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Volunteers only"))
    return restriction


def test_outside_a_request_nothing_is_remembered(db):
    """Control for the memo: the same calls inside one request keep the first answer."""
    index = factories.site_with_index()
    assert restrictions.restricted_paths() == ()
    restrict(index)
    assert restrictions.restricted_paths() == (index.path,)
    assert index.get_view_restrictions().exists()


def test_inside_a_request_the_first_answer_is_kept_and_read_once(db):
    index = factories.site_with_index()
    request_memo._begin()
    try:
        with CaptureQueriesContext(connection) as context:
            assert restrictions.restricted_paths() == ()
            assert not index.get_view_restrictions().exists()  # no query: nothing restricted
            assert restrictions.public(type(index).objects.all()).exists()
        assert len(context.captured_queries) == 2  # the paths, then the public listing
        restrict(index)
        assert restrictions.restricted_paths() == ()  # the request's own view, by design
    finally:
        request_memo._end()
    assert restrictions.restricted_paths() == (index.path,)  # the memo ended with it


def test_the_memo_does_not_cross_to_another_thread(db):
    request_memo._begin()
    try:
        request_memo.keep("probe", "this request's")
        seen = []
        worker = threading.Thread(target=lambda: seen.append(request_memo.recall("probe")))
        worker.start()
        worker.join()
        assert seen == [None]
        assert request_memo.recall("probe") == "this request's"
    finally:
        request_memo._end()
    assert request_memo.recall("probe") is None


def test_a_page_under_a_restriction_is_still_asked_as_wagtail_asks(db):
    """Only pages no restricted path covers skip the lookup: a descendant of a restricted
    page gets the ancestor's restriction."""
    index = factories.site_with_index()
    event = factories.event(index, title="Behind a login")
    restrict(index)
    request_memo._begin()
    try:
        assert list(event.get_view_restrictions()) == list(PageViewRestriction.objects.all())
        assert not index.get_parent().specific.get_view_restrictions().exists()
    finally:
        request_memo._end()


def test_a_restriction_added_between_requests_applies_to_the_next(client, db):
    index = factories.site_with_index()
    event = factories.event(index, title="Soon private")
    assert client.get(event.url).status_code == 200
    restrict(event)
    assert client.get(event.url).status_code == 302  # to the login page


def test_an_unrestricted_page_answers_as_an_empty_queryset_however_it_is_read(db):
    """The answer for a page no restriction covers is read already (Wagtail's serve hook
    iterates it, the share card asks ``exists()``), yet behaves as Wagtail's own empty
    queryset would for every other use, and a queryset made from it is read afresh."""
    index = factories.site_with_index()
    found = index.get_view_restrictions()

    assert list(found) == [] and not found
    assert not found.exists() and found.count() == 0 and found.first() is None
    assert list(found.filter(restriction_type=PageViewRestriction.GROUPS)) == []
    restrict(index)
    # A queryset made from the answer is a new one: none() stays none() (as Wagtail's).
    assert not found.filter(page=index).exists()
