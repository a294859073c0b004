"""The story index, its author and category and a published story (``story_world`` in
tests/home/conftest.py), built once for each module that imports these fixtures
(tests/support/demo_once.module_rows): each test reads its own copies and its writes are
undone. A module imports the fixtures its tests take from the shared rows; the others
stay conftest.py's builds made for each test."""

import pytest

from tests.home.conftest import story_world
from tests.support.demo_once import fresh, module_rows

story_rows = module_rows(story_world)


@pytest.fixture
def index(story_rows, db):
    return fresh(story_rows["index"])


@pytest.fixture
def author(story_rows, db):
    return fresh(story_rows["author"])


@pytest.fixture
def category(story_rows, db):
    return fresh(story_rows["category"])


@pytest.fixture
def story(story_rows, db):
    return fresh(story_rows["story"])
