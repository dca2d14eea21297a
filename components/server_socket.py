"""Every click answers ~40 ms sooner: Nagle's algorithm off on the server's connections.

Streamlit 1.67's server binds its listening socket with protocol 0, and asyncio turns on
TCP_NODELAY only for sockets whose protocol is IPPROTO_TCP: the websocket connections keep
Nagle's algorithm, so the second small frame of every rerun waits for the client's delayed
ACK (~40 ms on Linux, up to 200 ms on Windows). Linux gives an accepted connection the
listening socket's TCP_NODELAY, so setting it there once serves every later connection
(measured in docs/PERFORMANCE.md, issue 15: hello world 48 -> 6 ms per field change).
"""

from __future__ import annotations

import gc
import socket
from functools import cache


@cache
def no_delay() -> bool:
    """Once per process: TCP_NODELAY on Streamlit's listening socket; False when there is
    none (AppTest, another server) or it is not TCP (a Unix socket)."""
    try:
        from streamlit.web.server.starlette.starlette_server import UvicornServer
    except ImportError:
        return False
    done = False
    for obj in gc.get_objects():  # the server object is not reachable otherwise; once per process
        # type(), not isinstance(): a dead weak proxy among the objects raises on isinstance
        listening = getattr(obj, "_socket", None) if type(obj) is UvicornServer else None
        if isinstance(listening, socket.socket) and listening.family in (socket.AF_INET, socket.AF_INET6):
            listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            done = True
    return done
