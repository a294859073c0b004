import pytest

from tests.interop import readers


@pytest.fixture(scope="session")
def itip_problems(tmp_path_factory):
    """libical's iTIP restriction check, compiled once per run (skips without libical)."""
    return readers.build_itip_checker(tmp_path_factory.mktemp("libical"))
