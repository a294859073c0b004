"""Two web nodes (gunicorn, loopback) sharing one PostgreSQL database and one Redis: a
publish through node A drops the page node B has cached, and sign-ups posted to one shift
through both nodes at once never take more seats than it has."""

import os
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import requests
from django.conf import settings
from django.test import Client

from events.models import Booking, Shift
from tests.events import factories
from tests.support import worker

pytestmark = [
    pytest.mark.slow,
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

PORTS = (8641, 8642)  # this branch's loopback ports
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HEADER = "X-Tapestry-Cache"


@pytest.fixture
def nodes(tmp_path):
    if not settings.REDIS_URL or "postgres" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.support.node_settings",
        "DATABASE_URL": worker.test_database_url(),
        "TAPESTRY_VAR_DIR": str(tmp_path / "var"),
        "TAPESTRY_PAGE_CACHE_SECONDS": "300",
        "TAPESTRY_TEST_CACHE_PREFIX": f"two-nodes-{uuid.uuid4().hex}",
        "TAPESTRY_SIGNUP_RATE_LIMIT": "1000000/600",
        "TAPESTRY_HOLDS_PER_ADDRESS": "1000000",
        "TAPESTRY_HOLDS_PER_CLIENT": "1000000/3600",
        "TAPESTRY_HOLDS_PER_CLIENT_PER_BOOKABLE": "1000000",
        "TAPESTRY_HOLDS_PER_BOOKABLE_PERCENT": "100",
    }
    env.pop("CELERY_BROKER_URL", None)
    processes = []
    for port in PORTS:
        log = open(tmp_path / f"node-{port}.log", "w")  # noqa: SIM115 (closed below)
        command = [sys.executable, "-m", "gunicorn", "campaign.wsgi", "--workers", "2",
                   "--bind", f"127.0.0.1:{port}", "--timeout", "120",
                   "--control-socket", str(tmp_path / f"node-{port}.ctl")]  # fmt: skip
        process = subprocess.Popen(command, cwd=worker.ROOT, env=env, stdout=log, stderr=log)
        processes.append((process, log))
    origins = [f"http://127.0.0.1:{port}" for port in PORTS]
    try:
        for origin in origins:
            wait_until_up(origin, processes, tmp_path)
        yield origins
    finally:
        for process, log in processes:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


def wait_until_up(origin, processes, logs, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process, _ in processes):
            tails = [path.read_text()[-3000:] for path in logs.glob("node-*.log")]
            raise AssertionError("a node exited early:\n" + "\n".join(tails))
        try:
            requests.get(origin + "/robots.txt", timeout=30)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.5)
    raise AssertionError(f"{origin} did not start")


def test_publishing_through_node_a_drops_the_page_cached_on_node_b(nodes, admin_user):
    node_a, node_b = nodes
    event = factories.event(title="Calm breathing workshop")
    # The first pages a fresh site serves create its settings rows (site, brand), and
    # saving those purges everything: read it once before the page that counts.
    for path in ("/", event.url):
        requests.get(node_b + path, timeout=30)
    requests.get(node_b + event.url, timeout=30)
    cached = requests.get(node_b + event.url, timeout=30)
    assert cached.headers[HEADER] == "hit", (cached.status_code, cached.headers)

    # An editor unpublishes it through node A's admin (the form Wagtail shows for it).
    client = Client()
    client.force_login(admin_user)
    editor = requests.Session()
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    editor.cookies.set(settings.SESSION_COOKIE_NAME, session_cookie)
    action = f"{node_a}/admin/pages/{event.pk}/unpublish/"
    form = editor.get(action, timeout=60)
    assert form.status_code == 200, form.text[:500]
    answer = editor.post(
        action,
        data={"csrfmiddlewaretoken": TOKEN.search(form.text).group(1)},
        headers={"Referer": action},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 302, answer.text[:500]

    # Node B's next answer is the new state, not its cached copy.
    assert requests.get(node_b + event.url, timeout=30).status_code == 404


def sign_up(origin, path, number):
    with requests.Session() as session:
        form = session.get(origin + path, timeout=60)
        token = TOKEN.search(form.text)
        if form.status_code != 200 or not token:
            return f"form {form.status_code}"
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "name": f"Volunteer {number}",
            "email": f"volunteer-{number}@example.org",
            "consent": "on",
            "website": "",
        }
        answer = session.post(
            origin + path, data=data, headers={"Referer": origin + path}, timeout=60,
            allow_redirects=False,
        )  # fmt: skip
        return answer.status_code


def test_sign_ups_through_both_nodes_never_overbook(nodes):
    event = factories.event(start_date=date.today().replace(year=date.today().year + 1),
                            shifts=[factories.shift(capacity=3, requirements="")])  # fmt: skip
    shift = Shift.objects.get(event=event)
    path = event.url + event.reverse_subpage("shift_signup", kwargs={"shift_id": shift.pk})
    jobs = [(nodes[number % 2], path, number) for number in range(12)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda job: sign_up(*job), jobs))
    assert all(answer in (200, 302) for answer in answers), answers
    holding = Booking.objects.filter(
        bookable=shift, status__in=[Booking.Status.CONFIRMED, Booking.Status.PENDING]
    )
    assert 0 < holding.count() <= shift.capacity, answers
    assert answers.count(302) >= holding.count()
