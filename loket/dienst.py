"""Serve the loket as a service: waitress (a production WSGI server that also runs on Windows), an
access log, and a warning when anyone but this computer can reach it (there is no login)."""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
import time

TOEGANG = logging.getLogger("advieswijzer.loket.toegang")


def alleen_deze_computer(host: str) -> bool:
    """True when every address `host` stands for is a loopback address (127.0.0.0/8, ::1)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        adressen = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(adressen) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in adressen)


def waarschuwing(host: str) -> str | None:
    if alleen_deze_computer(host):
        return None
    return (f"LET OP: het loket luistert op {host}; andere computers in het netwerk kunnen het bereiken en er is "
            "geen login. Gebruik --host 127.0.0.1, of zet er een webserver met login en HTTPS voor.")


class Toegangslog:
    """WSGI middleware: one line per request in Common Log Format plus the time taken.

    The query string is left out: an omschrijving can hold personal data.
    """

    def __init__(self, app, log: logging.Logger = TOEGANG):
        self.app, self.log = app, log

    def __call__(self, environ, start_response):
        begin = time.perf_counter()
        status = {"code": "-", "lengte": "-"}

        def start(regel, kopregels, exc_info=None):
            status["code"] = regel.split(" ", 1)[0]
            status["lengte"] = next((w for k, w in kopregels if k.lower() == "content-length"), "-")
            return start_response(regel, kopregels, exc_info)

        try:
            return self.app(environ, start)
        finally:
            self.log.info('%s - - [%s] "%s %s %s" %s %s %.1fms', environ.get("REMOTE_ADDR", "-"),
                          time.strftime("%d/%b/%Y:%H:%M:%S %z"), environ.get("REQUEST_METHOD", "-"),
                          environ.get("PATH_INFO", "/"), environ.get("SERVER_PROTOCOL", "-"), status["code"],
                          status["lengte"], (time.perf_counter() - begin) * 1000)


def serveer(app, host: str, port: int, threads: int = 4) -> None:
    """Serve `app` until Ctrl+C, access log on stderr."""
    from waitress import serve

    if not TOEGANG.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        TOEGANG.addHandler(handler)
        TOEGANG.setLevel(logging.INFO)
        TOEGANG.propagate = False
    serve(Toegangslog(app), host=host, port=port, threads=threads, ident="advieswijzer-loket")
