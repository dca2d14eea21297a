"""Every click answers ~40 ms sooner: Nagle's algorithm off on the server's connections.

Streamlit 1.67's server binds its listening socket with protocol 0, and asyncio turns on
TCP_NODELAY only for sockets whose protocol is IPPROTO_TCP: the websocket connections keep
Nagle's algorithm, so the second small frame of every rerun waits for the client's delayed
ACK (~40 ms on Linux, up to 200 ms on Windows). Linux gives an accepted connection the
listening socket's TCP_NODELAY, so setting it there once serves every later connection
(measured in docs/performance-history.md, issue 15, first pass, finding 1: hello world
48 -> 6 ms per field change); the connections accepted before (the visitor whose page ran
first after a start) get it too.
uvloop (requirements.txt, decisions/0021) sets TCP_NODELAY on every connection itself; this
keeps Nagle off when Streamlit falls back to asyncio's loop (uvloop missing or failing).
"""

from __future__ import annotations

import gc
import socket
from functools import cache

TCP = (socket.AF_INET, socket.AF_INET6)


@cache
def no_delay() -> bool:
    """Once per process: TCP_NODELAY on Streamlit's listening socket and on the connections
    it has already accepted; False when there is none (AppTest, another server) or it is
    not TCP (a Unix socket)."""
    try:
        from streamlit.web.server.starlette.starlette_server import UvicornServer
    except ImportError:
        return False
    done = False
    for obj in gc.get_objects():  # the server object is not reachable otherwise; once per process
        # type(), not isinstance(): a dead weak proxy among the objects raises on isinstance
        listening = getattr(obj, "_socket", None) if type(obj) is UvicornServer else None
        if isinstance(listening, socket.socket) and listening.family in TCP:
            listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for connection in _accepted(obj):
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            done = True
    return done


def _accepted(server) -> list:
    """The sockets of the connections uvicorn has open (`Server.server_state.connections`:
    its protocol objects, each with its transport)."""
    state = getattr(getattr(server, "_server", None), "server_state", None)
    found = []
    for protocol in list(getattr(state, "connections", ())):
        transport = getattr(protocol, "transport", None)
        connection = transport.get_extra_info("socket") if transport is not None else None
        if connection is not None and connection.family in TCP:
            found.append(connection)
    return found
