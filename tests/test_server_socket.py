"""Nagle's algorithm off on the server's connections (components/streamlit_patches/server_socket.py)."""

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

import uvicorn
from streamlit.web.server.starlette.starlette_server import UvicornServer

from components.streamlit_patches.server_socket import no_delay


def nodelay(sock) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def listening_like_streamlit(server: UvicornServer) -> socket.socket:
    """A listening socket made as Streamlit 1.67 makes it: protocol 0, so asyncio leaves
    Nagle on the connections it accepts."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    server._socket = listening
    return listening


def test_the_listening_socket_gets_tcp_nodelay_which_connections_inherit():
    server = UvicornServer(runtime=None)
    with listening_like_streamlit(server) as listening:
        assert nodelay(listening) == 0  # what Streamlit leaves
        no_delay.cache_clear()
        assert no_delay()
        with socket.create_connection(listening.getsockname()):
            accepted, _ = listening.accept()
            with accepted:
                assert nodelay(accepted) == 1
    no_delay.cache_clear()


def test_a_connection_accepted_before_the_first_run_gets_tcp_nodelay_too():
    """The visitor whose page runs first after a start connected before `no_delay()` ran:
    their connection does not inherit the listening socket's option, so it is set on it."""

    async def scenario() -> tuple[int, int]:
        server = UvicornServer(runtime=None)
        server._server = uvicorn.Server(uvicorn.Config(app=None))
        accepted: list[asyncio.Transport] = []

        class Keep(asyncio.Protocol):  # as uvicorn's protocols keep themselves
            def connection_made(self, transport):
                self.transport = transport
                server._server.server_state.connections.add(self)
                accepted.append(transport)

        with listening_like_streamlit(server) as listening:
            served = await asyncio.get_running_loop().create_server(Keep, sock=listening)
            _, client = await asyncio.open_connection(*listening.getsockname())
            for _ in range(500):  # at most 5 s
                if accepted:
                    break
                await asyncio.sleep(0.01)
            first = accepted[0].get_extra_info("socket")
            before = nodelay(first)
            no_delay.cache_clear()
            assert no_delay()
            after = nodelay(first)
            client.close()
            served.close()
            await served.wait_closed()
            return before, after

    try:
        # A thread of its own: a browser test before this one may have left this thread's
        # event loop running, where asyncio.run() refuses to start.
        with ThreadPoolExecutor(1) as pool:
            assert pool.submit(lambda: asyncio.run(scenario())).result() == (0, 1)
    finally:
        no_delay.cache_clear()
