"""Soak `make run`: a fresh embedded setup under real traffic for SOAK_MINUTES (default 30).

Starts what `make run` starts (migrate, load_demo, campaign/devrun.py with web, worker and
beat) on a free port in a fresh var/ directory, with no DATABASE_URL or REDIS_URL, then
drives mixed traffic: browsing pages and calendar files, sign-ups on shift and event forms,
confirmations through the links in the mail files, comments, and an editor publishing a
page through the admin. At the end it waits for the owed mail to go out and reports
requests, errors, mails owed vs sent and process restarts.

It fails on any 5xx answer, on the site not answering for SOAK_DEAD_SECONDS (default 30),
and on owed mail that was not sent (or sent without a file in var/mail/).

    SOAK_MINUTES=2 .venv/bin/python tests/benchmarks/soak.py
"""

import email
import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
MINUTES = float(os.environ.get("SOAK_MINUTES", "30"))
DEAD_SECONDS = float(os.environ.get("SOAK_DEAD_SECONDS", "30"))
DRAIN_SECONDS = float(os.environ.get("SOAK_DRAIN_SECONDS", "240"))
ADMIN = ("soak-admin", "soak-admin-password-1")
# Seeded, so a failing run can be repeated with the same choices.
RNG = random.Random(int(os.environ.get("SOAK_SEED", "1")))  # noqa: S311 (not secret)
CONFIRM_LINK = re.compile(r"https?://[^\s\"<>]+/bookings/confirm/[^\s\"<>]+/")


class Forms(HTMLParser):
    """The POST forms on a page, with each field's default value, and the links."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self._form, self._textarea = [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("type") == "text/calendar":
            self.links.append(attrs.get("href", ""))
        elif tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea"):
            name = attrs.get("name")
            if not name:
                return
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                self._form["fields"].setdefault(name, None)
                return
            self._form["fields"][name] = attrs.get("value", "")
            if tag == "textarea":
                self._textarea = name

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None


def parse(html):
    parser = Forms()
    parser.feed(html)
    return parser


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Soak:
    def __init__(self, workdir):
        self.var = Path(workdir) / "var"
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CI")
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="campaign.settings.dev",
            TAPESTRY_VAR_DIR=str(self.var),
            MEDIA_ROOT=str(Path(workdir) / "media"),
            PORT=str(self.port),
            HOST="127.0.0.1",
            PYTHONUNBUFFERED="1",
            # One address signs up all day long; the limit is not what this run measures.
            TAPESTRY_SIGNUP_RATE_LIMIT="1000000/3600",
        )
        self.codes = Counter()
        self.kinds = Counter()
        self.failures = []
        self.down_since = None
        self.longest_down = 0.0
        self.confirmed = set()
        self.session = requests.Session()
        self.admin = requests.Session()
        self.pages = ["/"]
        self.form_pages = {}
        self.manager = None

    # --- the `make run` start -----------------------------------------------------------

    def manage(self, *args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True)

    def start(self):
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo", "--admin-user", ADMIN[0], "--admin-password", ADMIN[1])
        self.log = open(self.var / "devrun.log", "wb")  # noqa: SIM115 (closed in stop)
        self.manager = subprocess.Popen(
            [sys.executable, "-m", "campaign.devrun", "--port", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.state().get("ready"):
                return
            time.sleep(1)
        raise SystemExit("the site did not come up within 180 s")

    def state(self):
        try:
            return json.loads((self.var / "run" / "processes.json").read_text())
        except (OSError, ValueError):
            return {}

    def stop(self):
        if self.manager and self.manager.poll() is None:
            self.manager.send_signal(signal.SIGTERM)
            try:
                self.manager.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.manager.pid, signal.SIGKILL)
        self.log.close()

    # --- traffic ----------------------------------------------------------------------

    def request(self, kind, method, url, session=None, **kwargs):
        session = session or self.session
        url = urljoin(self.origin, url)
        try:
            answer = session.request(method, url, timeout=60, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            self.codes["no answer"] += 1
            now = time.monotonic()
            self.down_since = self.down_since or now
            self.longest_down = max(self.longest_down, now - self.down_since)
            if now - self.down_since > DEAD_SECONDS:
                self.failures.append(f"site dead for {now - self.down_since:.0f}s: {exc}")
            return None
        self.down_since = None
        self.codes[answer.status_code] += 1
        self.kinds[kind] += 1
        if answer.status_code >= 500:
            self.failures.append(f"{answer.status_code} on {method} {url}")
        return answer

    def browse(self):
        path = RNG.choice(self.pages)
        answer = self.request("browse", "GET", path)
        if answer is None or answer.status_code != 200:
            return None
        if "text/html" in answer.headers.get("Content-Type", ""):
            page = parse(answer.text)
            for href in page.links:
                target = urlsplit(urljoin(self.origin + path, href))
                local = target.netloc in ("", urlsplit(self.origin).netloc)
                if (
                    local
                    and target.path not in self.pages
                    and not target.path.startswith(("/admin", "/documents", "/my-bookings"))
                    and len(self.pages) < 300
                ):
                    self.pages.append(target.path)
            return path, page
        return None

    def post_form(self, kind, path, form, values, session=None):
        # Unticked boxes are ticked: a volunteer agrees to a shift's requirements.
        data = {name: "on" if value is None else value for name, value in form["fields"].items()}
        data.update(values)
        data["website"] = ""  # the honeypot stays empty, as a person leaves it
        headers = {"Referer": self.origin + path}
        return self.request(
            kind,
            "POST",
            urljoin(self.origin + path, form["action"] or path),
            session=session,
            data=data,
            headers=headers,
        )

    def find_form(self, fields):
        """A page with a POST form carrying ``fields``: a known one, else browse for one."""
        known = self.form_pages.get(fields)
        for attempt in range(30):
            if known and (attempt or RNG.random() < 0.8):
                path = RNG.choice(known)
                answer = self.request("browse", "GET", path)
                if answer is None or answer.status_code != 200:
                    continue
                page = parse(answer.text)
            else:
                seen = self.browse()
                if not seen:
                    continue
                path, page = seen
            for form in page.forms:
                if set(fields) <= form["fields"].keys():
                    if path not in self.form_pages.setdefault(fields, []):
                        self.form_pages[fields].append(path)
                    return path, form
        return None, None

    def sign_up(self, number):
        """A volunteer fills in a sign-up form (fields name, email, consent)."""
        path, form = self.find_form(("name", "email", "consent"))
        if form:
            values = {
                "name": f"Soak volunteer {number}",
                "email": f"soak-{number}@example.org",
                "consent": "on",
            }
            self.post_form("sign-up", path, form, values)

    def comment(self, number):
        path, form = self.find_form(("name", "body"))
        if form:
            values = {
                "name": f"Reader {number}",
                "body": f"Thank you for this, it helped me (soak {number}).",
                "email": f"reader-{number}@example.org",
            }
            self.post_form("comment", path, form, values)

    def confirm_from_mail(self):
        """Follow the confirm links in the mail files, as a volunteer would."""
        for path in sorted((self.var / "mail").glob("*.eml")):
            if path.name in self.confirmed:
                continue
            self.confirmed.add(path.name)
            message = email.message_from_bytes(path.read_bytes())
            for part in message.walk():
                if part.get_content_type() != "text/plain":
                    continue
                for link in CONFIRM_LINK.findall(part.get_payload(decode=True).decode()):
                    local = urlsplit(link).path
                    if urlsplit(link).netloc != urlsplit(self.origin).netloc:
                        self.failures.append(f"mail link to another address: {link}")
                    answer = self.request("confirm", "GET", local)
                    if answer is None or answer.status_code != 200:
                        continue
                    for form in parse(answer.text).forms:
                        self.post_form("confirm", local, form, {})

    def admin_login(self):
        answer = self.request("admin", "GET", "/admin/login/", session=self.admin)
        form = parse(answer.text).forms[0]
        values = {"username": ADMIN[0], "password": ADMIN[1]}
        self.post_form("admin", "/admin/login/", form, values, session=self.admin)

    def publish(self):
        """An editor publishes a page again, through the admin's bulk publish action."""
        if "sessionid" not in self.admin.cookies:
            self.admin_login()
        listing = self.request(
            "admin", "GET", "/admin/api/main/pages/?limit=20", session=self.admin
        )
        if listing is None or listing.status_code != 200:
            self.failures.append("the editor could not reach the admin's page list")
            return
        ids = [item["id"] for item in listing.json().get("items", []) if item["id"] > 2]
        if not ids:
            return
        url = f"/admin/bulk/wagtailcore/page/publish/?id={RNG.choice(ids)}"
        answer = self.request("admin", "GET", url, session=self.admin)
        if answer is None or answer.status_code != 200:
            return
        for form in parse(answer.text).forms:
            if "csrfmiddlewaretoken" in form["fields"] and form["action"] != "/admin/logout/":
                self.post_form("publish", url, form, {}, session=self.admin)
                break

    # --- the run and its report -------------------------------------------------------

    def traffic(self):
        end = time.monotonic() + MINUTES * 60
        number = 0
        next_comment = next_publish = time.monotonic()
        while time.monotonic() < end and not self.failures:
            number += 1
            for _ in range(3):
                self.browse()
            self.sign_up(number)
            self.confirm_from_mail()
            now = time.monotonic()
            # Comments are rate limited per address (5 in 10 minutes): stay below it.
            if now >= next_comment:
                self.comment(number)
                next_comment = now + 150
            if now >= next_publish:
                self.publish()
                next_publish = now + 120
            time.sleep(RNG.uniform(0.2, 1.0))

    def outbox(self):
        database = sqlite3.connect(self.var / "tapestry.sqlite3", timeout=30)
        try:
            rows = database.execute(
                "select status, count(*) from events_outboxmessage "
                "where due_at <= strftime('%Y-%m-%d %H:%M:%f', 'now') group by status"
            ).fetchall()
        finally:
            database.close()
        return dict(rows)

    def drain(self):
        deadline = time.monotonic() + DRAIN_SECONDS
        while time.monotonic() < deadline:
            counts = self.outbox()
            if not counts.get("scheduled") and not counts.get("sending"):
                return counts
            time.sleep(5)
        return self.outbox()

    def report(self, counts, seconds, processes):
        mail_files = len(list((self.var / "mail").glob("*.eml")))
        owed = sum(counts.values())
        unsent = counts.get("scheduled", 0) + counts.get("sending", 0) + counts.get("failed", 0)
        if unsent:
            self.failures.append(f"{unsent} owed mails not sent: {counts}")
        if mail_files < counts.get("sent", 0):
            self.failures.append(f"{counts.get('sent')} mails sent but {mail_files} files")
        for name, process in processes.items():
            if process.get("pid") is None:
                self.failures.append(f"{name} is not running at the end")
        requests_total = sum(self.codes.values())
        print(f"\nSoak of `make run` for {seconds / 60:.1f} minutes on {self.origin}")
        print(f"  requests: {requests_total} ({dict(sorted(self.kinds.items()))})")
        print(f"  answers:  {dict(sorted(self.codes.items(), key=str))}")
        print(f"  longest time without an answer: {self.longest_down:.1f}s")
        print(f"  mails owed (due): {owed}; by status: {counts}; files in var/mail: {mail_files}")
        print(
            "  process restarts: "
            + ", ".join(f"{name} {p['restarts']}" for name, p in processes.items())
        )
        print(f"  devrun log: {(self.var / 'devrun.log').stat().st_size} bytes")
        for failure in self.failures[:20]:
            print(f"  FAIL: {failure}")
        print("  result: " + ("FAILED" if self.failures else "ok"))
        return not self.failures


def main():
    workdir = tempfile.mkdtemp(prefix="tapestry-soak-")
    soak = Soak(workdir)
    started = time.monotonic()
    try:
        soak.start()
        soak.traffic()
        counts = soak.drain()
        processes = soak.state().get("processes", {})
    finally:
        seconds = time.monotonic() - started
        soak.stop()
    print(f"  state kept in {workdir}")
    sys.exit(0 if soak.report(counts, seconds, processes) else 1)


if __name__ == "__main__":
    main()
