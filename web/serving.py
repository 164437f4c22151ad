"""Serving the app with waitress in one or more processes that share one listening socket.

Waitress runs a request's Python in threads of one process, and Python runs one thread at a time: a
process uses one core. With twenty teachers submitting at once, the requests queue up behind each
other. ``serve_app`` binds the address once and, on a system with ``fork``, starts that many web
processes that all accept connections from the same socket (the system gives each connection to one
of them), each with its own database connections and its own kept figures (``web.store.kept``).

The first process keeps watch: a web process that dies is started again, and when the first process
stops (Ctrl+C, a service manager's stop, or killed outright) the others stop with it.
"""

from __future__ import annotations

import gc
import os
import signal
import socket
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

GC_YOUNG_THRESHOLD = 20_000  # Python's default is 700 new objects between young collections
THREADS_PER_PROCESS = 8
RESTART_CHECK_S = 0.5


def default_process_count() -> int:
    """One web process per core, at most four; one where processes cannot be forked (Windows)."""
    return min(os.cpu_count() or 1, 4) if hasattr(os, "fork") else 1


def serve_app(app: Flask, host: str, port: int, processes: int) -> None:
    """Serve until stopped: in this process, or in ``processes`` forked web processes."""
    listener = _listening_socket(host, port)
    if processes <= 1 or not hasattr(os, "fork"):
        _serve(app, listener)
        return
    children = {_start_web_process(app, listener) for _ in range(processes)}
    try:
        _restart_until_stopped(app, listener, children)
    finally:
        _stop(children)


def settle_garbage_collector() -> None:
    """Leave what the server loaded at start-up out of Python's full collections, and run them less often.

    A full collection walks every object the process holds: with Flask, SQLAlchemy and the solver loaded
    that took about 110 ms, now and then in the middle of a page. Frozen objects are never walked again;
    a larger first threshold makes the young collections that lead up to a full one rarer.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    return listener


def _serve(app: Flask, listener: socket.socket) -> None:
    from waitress import serve

    settle_garbage_collector()
    serve(app, sockets=[listener], threads=THREADS_PER_PROCESS)


def _start_web_process(app: Flask, listener: socket.socket) -> int:
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches every process; the first one stops the rest
        from planner import services

        services.end_with_parent(parent)  # even when the first process is killed outright
        _forget_inherited_connections(app)
        _serve(app, listener)
    finally:
        os._exit(0)


def _forget_inherited_connections(app: Flask) -> None:
    """Database connections are not shared between processes: a forked process opens its own."""
    from web.db import db

    with app.app_context():
        db.engine.dispose(close=False)


def _restart_until_stopped(app: Flask, listener: socket.socket, children: set[int]) -> None:
    """Start a web process again when one ends (each is waited for by its pid: the worker beside the server
    is a child of this process too, and its own)."""
    while True:
        for pid in list(children):
            ended, _status = os.waitpid(pid, os.WNOHANG)
            if ended:
                children.discard(pid)
                children.add(_start_web_process(app, listener))
        time.sleep(RESTART_CHECK_S)


def _stop(children: set[int]) -> None:
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            continue
