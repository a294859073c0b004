"""Answers kept for the length of one request, for lookups many parts of a page repeat
(view restrictions, locales) in code that has no request object to hang them on.

Each request starts empty (Django's request_started signal) and its answers are dropped
when it ends; outside a request (tasks, commands, the shell) nothing is kept and every
call computes afresh. A context variable keeps threads and async tasks apart.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started

_memo = ContextVar("tapestry_request_memo", default=None)


def _begin(**kwargs):
    _memo.set({})


def _end(**kwargs):
    _memo.set(None)


def connect():
    request_started.connect(_begin, dispatch_uid="tapestry-request-memo-begin")
    request_finished.connect(_end, dispatch_uid="tapestry-request-memo-end")


def remember(key, compute):
    """``compute()``, once per request for ``key``."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def keep(key, value):
    """Remember ``value`` for the rest of the request (nothing outside one)."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def recall(key, default=None):
    memo = _memo.get()
    return default if memo is None else memo.get(key, default)
