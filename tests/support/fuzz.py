"""Hypothesis strategies for hostile public input, and the settings every fuzz test uses.

Runs are derandomised (the same inputs on every machine, so a CI failure reproduces) and
have no deadline (a shared CI machine is sometimes slow; that is not a bug).
"""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Markup that must never come back as markup. Each is checked verbatim in responses.
PROBES = [
    "<script>alert('probe')</script>",
    "<b>probe-bold</b>",
    '"><img src=x onerror=alert(1)>',
    "<zz-probe onclick=alert(1)>",
    "javascript:alert('probe')//<a href=x>",
]

# Characters a browser or proxy might send: anything but lone surrogates, which cannot be
# encoded in a request at all.
ANY_CHAR = st.characters(blacklist_categories=["Cs"])

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "0",
        "-1",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "2027-02-30",
        "0000-00-00",
        "9999-12-31",
        "' OR 1=1 --",
        "%",
        "%00",
        "../../etc/passwd",
        "\u202e\u0644\u0639",
        "\U0001f600" * 40,
        "x" * 5000,
        *PROBES,
    ]
)

# A query-string or form value: a known nasty one, free text, or text with a probe inside.
VALUE = st.one_of(
    NASTY,
    st.text(ANY_CHAR, max_size=60),
    st.builds(
        lambda a, p, b: a + p + b,
        st.text(ANY_CHAR, max_size=10),
        st.sampled_from(PROBES),
        st.text(ANY_CHAR, max_size=10),
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(lambda d: d.isoformat()),
)


def query(keys):
    """A query string over ``keys`` (plus a stray key now and then), one or more values each."""
    key = st.one_of(st.sampled_from(keys), st.text(ANY_CHAR, min_size=1, max_size=12))
    return st.dictionaries(
        key, st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3)), max_size=len(keys) + 1
    )


def fuzz_settings(max_examples):
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


def assert_no_markup_echoed(html, context=""):
    for probe in PROBES:
        assert probe not in html, f"{probe!r} came back unescaped {context}"
