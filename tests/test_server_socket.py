"""Nagle's algorithm off on the server's connections (components/server_socket.py)."""

import socket

from streamlit.web.server.starlette.starlette_server import UvicornServer

from components.server_socket import no_delay


def test_the_listening_socket_gets_tcp_nodelay_which_connections_inherit():
    server = UvicornServer(runtime=None)
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        server._socket = listening
        assert listening.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0  # what Streamlit leaves
        no_delay.cache_clear()
        assert no_delay()
        with socket.create_connection(listening.getsockname()):
            accepted, _ = listening.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    no_delay.cache_clear()
