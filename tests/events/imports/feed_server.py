"""A real loopback HTTP server standing in for a partner's calendar host.

Each test sets ``server.routes[path] = handler``; a handler gets the request handler and
answers. The server records every request's headers so tests can see what was sent.
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTS = range(8621, 8630)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route(self)

    def log_message(self, format, *args):
        return None


class FeedServer:
    def __init__(self):
        last_error = None
        for port in PORTS:
            try:
                self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
                break
            except OSError as exc:
                last_error = exc
        else:
            raise last_error
        self.httpd.daemon_threads = True
        self.httpd.routes = {}
        self.httpd.requests = []
        # shutdown() waits for the loop's next poll: at the default 0.5 s, half a second of
        # every test's teardown.
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    @property
    def routes(self):
        return self.httpd.routes

    @property
    def requests(self):
        return self.httpd.requests

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self):
        if self.thread is None:
            return
        self.thread = None
        self.httpd.shutdown()
        self.httpd.server_close()


def calendar(body, *, etag='"v1"', last_modified="Tue, 01 Dec 2026 09:00:00 GMT"):
    """A handler serving ``body`` with validators, answering 304 when they match."""

    def handle(request):
        if etag and request.headers.get("If-None-Match") == etag:
            request.send_response(304)
            request.end_headers()
            return
        request.send_response(200)
        request.send_header("Content-Type", "text/calendar; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        if etag:
            request.send_header("ETag", etag)
        if last_modified:
            request.send_header("Last-Modified", last_modified)
        request.end_headers()
        request.wfile.write(body)

    return handle


def status(code):
    def handle(request):
        request.send_response(code)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return handle


def slow(seconds):
    def handle(request):
        time.sleep(seconds)
        status(200)(request)

    return handle


def endless(chunk=b"X" * 65536):
    """Streams without a Content-Length until the client hangs up."""

    def handle(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/calendar")
        request.end_headers()
        try:
            for _ in range(10_000):
                request.wfile.write(chunk)
        except OSError:
            return

    return handle


def redirect(location):
    def handle(request):
        request.send_response(302)
        request.send_header("Location", location)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return handle
