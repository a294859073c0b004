"""`make run`'s process manager: web, worker and beat, each restarted if it dies.

One crashed process is logged and started again (with a growing pause if it keeps dying);
it never takes the others down. Ctrl-C or SIGTERM stops them all. The state (pids,
restarts, last exit) is kept in var/run/processes.json for people and tests to read.

    python -m campaign.devrun --host 127.0.0.1 --port 8000 [--login user:password]
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A process that stayed up this long is healthy again: its next crash restarts it at once.
HEALTHY_AFTER_SECONDS = 60
FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 30.0
STOP_GRACE_SECONDS = 10


def commands(host, port):
    python = sys.executable
    # --quiet (a global option) drops Celery's start-up banner.
    celery = [python, "-m", "celery", "-A", "campaign", "--quiet"]
    return {
        "web": [python, "manage.py", "runserver", f"{host}:{port}"],
        # Threads share one process and its memory.
        # The embedded broker cannot broadcast, so no mingle, gossip or remote control.
        "worker": [
            *celery,
            "worker",
            "--loglevel=INFO",
            "--pool=threads",
            "--concurrency=4",
            "--without-mingle",
            "--without-gossip",
        ],
        "beat": [
            *celery,
            "beat",
            "--loglevel=WARNING",
            f"--schedule={var_dir() / 'celerybeat-schedule'}",
        ],
    }


def var_dir():
    return Path(os.environ.get("TAPESTRY_VAR_DIR", ROOT / "var"))


@dataclass
class Child:
    name: str
    command: list
    process: subprocess.Popen | None = None
    restarts: int = 0
    started_at: float = 0.0
    last_exit: int | None = None
    next_start: float = 0.0
    pause: float = FIRST_PAUSE_SECONDS
    history: list = field(default_factory=list)


class Manager:
    def __init__(self, children, env, state_path, out=sys.stdout):
        self.children = children
        self.env = env
        self.state_path = state_path
        self.out = out
        self.stopping = threading.Event()
        self.ready = False
        self.lock = threading.Lock()
        width = max(len(child.name) for child in children)
        self.width = max(width, len("devrun"))

    def say(self, name, line):
        stamp = time.strftime("%H:%M:%S")
        with self.lock:
            self.out.write(f"{stamp} {name:<{self.width}} | {line}\n")
            self.out.flush()

    def start(self, child):
        child.process = subprocess.Popen(  # noqa: S603 (our own fixed commands)
            child.command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # Its own process group: Ctrl-C reaches devrun alone, which stops each child
            # (and the runserver reloader's child) in order.
            start_new_session=True,
        )
        child.started_at = time.time()
        threading.Thread(target=self.pump, args=(child, child.process), daemon=True).start()
        self.save()

    def pump(self, child, process):
        for raw in process.stdout:
            self.say(child.name, raw.decode(errors="replace").rstrip())

    def check(self, child):
        """Notice a dead child and start it again after its pause."""
        now = time.time()
        if child.process is not None:
            code = child.process.poll()
            if code is None:
                return
            child.last_exit = code
            ran = now - child.started_at
            child.pause = (
                FIRST_PAUSE_SECONDS
                if ran >= HEALTHY_AFTER_SECONDS
                else min(child.pause * 2, LONGEST_PAUSE_SECONDS)
            )
            child.next_start = now + (0 if ran >= HEALTHY_AFTER_SECONDS else child.pause)
            child.history.append({"exit": code, "at": now, "ran_seconds": round(ran, 1)})
            child.process = None
            self.say(
                "devrun",
                f"{child.name} exited with code {code} after {ran:.0f}s; "
                f"restarting in {child.next_start - now:.0f}s",
            )
            self.save()
        if now >= child.next_start:
            child.restarts += 1
            self.start(child)
            self.say("devrun", f"{child.name} restarted (restart #{child.restarts})")

    def save(self):
        state = {
            "manager_pid": os.getpid(),
            "ready": self.ready,
            "processes": {
                child.name: {
                    "pid": child.process.pid if child.process else None,
                    "restarts": child.restarts,
                    "started_at": child.started_at,
                    "last_exit": child.last_exit,
                    "exits": child.history[-20:],
                }
                for child in self.children
            },
        }
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.state_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, indent=2))
        os.replace(temporary, self.state_path)

    def stop_all(self):
        for child in self.children:
            if child.process and child.process.poll() is None:
                os.killpg(child.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in self.children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.process.pid, signal.SIGKILL)
                child.process.wait()
        for child in self.children:
            child.process = None
        self.save()

    def run(self, ready_check=None, on_ready=None):
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: self.stopping.set())
        for child in self.children:
            self.start(child)
        while not self.stopping.is_set():
            for child in self.children:
                self.check(child)
            if not self.ready and ready_check is not None and ready_check():
                self.ready = True
                self.save()
                if on_ready:
                    on_ready()
            self.stopping.wait(0.5)
        self.say("devrun", "stopping web, worker and beat")
        self.stop_all()


def answers(url):
    """True once the web server answers at all (any HTTP status)."""
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own loopback address)
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False


def banner(base_url, login):
    lines = [
        "",
        "  Tapestry is running (Ctrl-C stops the web server, worker and beat).",
        f"  Site:   {base_url}/",
        f"  Admin:  {base_url}/admin/",
    ]
    if login:
        lines.append(f"  Login:  {login.replace(':', ' / ', 1)}   (development only)")
    lines += [
        f"  Health: {base_url}/healthz",
        "  Mail:   written to var/mail/ (one .eml file per message)",
        "  Django's debug page for unknown addresses: TAPESTRY_DEBUG_404=1 make run",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    parser.add_argument("--login", help="user:password to print in the banner")
    options = parser.parse_args(argv)

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "campaign.settings.dev"),
        "HOST": options.host,
        "PORT": str(options.port),
        "PYTHONUNBUFFERED": "1",
    }
    children = [
        Child(name, command) for name, command in commands(options.host, options.port).items()
    ]
    manager = Manager(children, env, var_dir() / "run" / "processes.json")
    probe_host = "127.0.0.1" if options.host in ("0.0.0.0", "") else options.host  # noqa: S104
    probe = f"http://{probe_host}:{options.port}/"
    base_url = os.environ.get("TAPESTRY_BASE_URL") or f"http://{options.host}:{options.port}"
    manager.run(
        ready_check=lambda: answers(probe),
        on_ready=lambda: print(banner(base_url.rstrip("/"), options.login), flush=True),
    )


if __name__ == "__main__":
    main()
