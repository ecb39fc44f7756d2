"""The fetcher connects only to the address it checked, and never to link-local or metadata addresses.

A host name is resolved once per run; every later connection (robots.txt, the page, the
next page) goes to that address with the name kept in the Host header, so a DNS answer that
changes (rebinding) cannot redirect a request. Loopback servers stand in for both answers.
"""

from __future__ import annotations

import asyncio
import functools
import shutil
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from claimgraph.ingest import fetch
from claimgraph.ingest.fetch import FetchError, Fetcher, FetchPolicy


class Recorder(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append((self.path, self.headers.get("Host")))
        body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else f"<p>{self.server.name}</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def servers():
    """Two servers on the same port of two loopback addresses: the checked one and the rebinding target."""
    first = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    port = first.server_address[1]
    try:
        second = ThreadingHTTPServer(("127.0.0.2", port), Recorder)
    except OSError:
        first.server_close()
        pytest.fail("cannot listen on 127.0.0.2 (Linux routes all of 127.0.0.0/8 to loopback)")
    for server, name in ((first, "checked"), (second, "rebound")):
        server.seen, server.name = [], name
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield first, second, port
    for server in (first, second):
        server.shutdown()
        server.server_close()


def test_every_connection_goes_to_the_address_resolved_and_checked_first(servers, monkeypatch):
    first, second, port = servers
    answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"], ["127.0.0.2"]])
    lookups = []

    async def rebinding_dns(host, port):
        lookups.append(host)
        return next(answers)

    monkeypatch.setattr(fetch, "resolve_host", rebinding_dns)

    async def fetch_both():
        async with Fetcher(FetchPolicy(allow_private=True, host_delay=0, retries=0)) as fetcher:
            return [await fetcher.fetch(f"http://news.test:{port}/{name}.html") for name in ("one", "two")]

    responses = asyncio.run(fetch_both())
    assert [response.body for response in responses] == [b"<p>checked</p>", b"<p>checked</p>"]
    assert lookups == ["news.test"]
    assert second.seen == []
    assert first.seen == [(path, f"news.test:{port}") for path in ("/robots.txt", "/one.html", "/two.html")]


@pytest.mark.parametrize("address", ["169.254.169.254", "169.254.1.1", "fe80::1", "fd00:ec2::254", "::ffff:169.254.169.254"])
def test_link_local_and_metadata_addresses_are_refused_even_with_allow_private(address, monkeypatch):
    async def metadata_dns(host, port):
        return [address]

    monkeypatch.setattr(fetch, "resolve_host", metadata_dns)

    async def attempt(url):
        async with Fetcher(FetchPolicy(allow_private=True, retries=0)) as fetcher:
            return await fetcher.fetch(url)

    literal = f"[{address}]" if ":" in address else address
    for url in (f"http://{literal}/latest/meta-data/", "http://metadata.test/latest/meta-data/"):
        with pytest.raises(FetchError, match="link-local or cloud metadata address") as caught:
            asyncio.run(attempt(url))
        assert caught.value.stage == "fetch"
        assert "--allow-private" not in str(caught.value)


def test_a_host_with_one_public_and_one_private_answer_is_refused(monkeypatch):
    async def mixed_dns(host, port):
        return ["93.184.216.34", "10.0.0.7"]

    monkeypatch.setattr(fetch, "resolve_host", mixed_dns)

    async def attempt():
        async with Fetcher(FetchPolicy(retries=0)) as fetcher:
            return await fetcher.fetch("http://mixed.test/")

    with pytest.raises(FetchError, match=r"non-public address \(10\.0\.0\.7\)"):
        asyncio.run(attempt())


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server on 127.0.0.1 whose certificate names only news.test; records the TLS server names asked for."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"],
        check=True, capture_output=True,
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.seen, server.name, server.server_names = [], "tls", []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: server.server_names.append(name)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, cert
    server.shutdown()
    server.server_close()


def test_https_keeps_the_host_name_for_sni_and_the_certificate_check(tls_server, monkeypatch):
    server, cert = tls_server
    port = server.server_address[1]

    async def local_dns(host, port):
        return ["127.0.0.1"]

    monkeypatch.setattr(fetch, "resolve_host", local_dns)
    trusting = functools.partial(httpx.AsyncHTTPTransport, verify=ssl.create_default_context(cafile=str(cert)))
    monkeypatch.setattr(fetch.httpx, "AsyncHTTPTransport", trusting)

    async def get(url):
        async with Fetcher(FetchPolicy(allow_private=True, host_delay=0, retries=0)) as fetcher:
            return await fetcher.fetch(url)

    response = asyncio.run(get(f"https://news.test:{port}/page.html"))
    assert response.body == b"<p>tls</p>"
    assert set(server.server_names) == {"news.test"}
    assert (("/page.html", f"news.test:{port}")) in server.seen
    # another name on the same address is checked against the certificate, which does not name it
    with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        asyncio.run(get(f"https://other.test:{port}/page.html"))


class RobotsUnavailable(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(503 if self.path == "/robots.txt" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_robots_txt_that_cannot_be_read_is_named_as_the_reason(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), RobotsUnavailable)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def get(url):
        async with Fetcher(FetchPolicy(allow_private=True, host_delay=0, retries=0, backoff=0)) as fetcher:
            return await fetcher.fetch(url)

    try:
        with pytest.raises(FetchError) as caught:
            asyncio.run(get(f"http://127.0.0.1:{server.server_address[1]}/page.html"))
    finally:
        server.shutdown()
        server.server_close()
    assert caught.value.stage == "robots"
    assert caught.value.reason == "robots.txt answered HTTP 503, so everything is disallowed"
