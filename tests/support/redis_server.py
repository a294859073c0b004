"""A private redis-server on a free loopback port, which a fault test may stop and start.

The shared Redis of the test run is never touched: this one belongs to the test alone.
"""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import redis


def binary_missing_reason():
    if shutil.which("redis-server"):
        return None
    return "needs the redis-server program to start a private Redis for fault tests"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self, workdir):
        self.port = _free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout=10):
        command = [
            "redis-server",
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--save", "",
            "--appendonly", "no",
            "--dir", str(self.workdir),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError(f"redis-server on port {self.port} did not start")

    def stop(self):
        """Stop it the hard way, as a crashed or restarted Redis looks to its clients."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@contextmanager
def private_redis(workdir):
    server = RedisServer(workdir)
    server.start()
    try:
        yield server
    finally:
        server.stop()
