"""The HTTP framework of `redline serve`: routing, limits, error replies,
security headers, static console, access log, fake clock, stopping."""
import json
import socket

from apihelp import Server

HEADER_MAX = 16 * 1024        # RL_HTTP_HEADER_MAX
BODY_MAX = 1024 * 1024        # RL_HTTP_BODY_MAX
DEPTH_MAX = 16                # RL_JSON_DEPTH_MAX

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def raw_exchange(server, data, read_max=65536, half_close=False, timeout=30):
    """Sends raw bytes, returns what the server answers (until it closes or
    a full response head and body arrive). half_close: shut our sending side
    after the data, as a client that gives up would."""
    s = socket.create_connection((server.host, server.port), timeout=timeout)
    try:
        s.sendall(data)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        got = b""
        while len(got) < read_max:
            try:
                chunk = s.recv(4096)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            got += chunk
            head, sep, body = got.partition(b"\r\n\r\n")
            if sep:
                cl = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                if cl and len(body) >= int(cl[0].split(b":")[1]):
                    break
        return got
    finally:
        s.close()


def status_of(raw):
    return int(raw.split(b" ", 2)[1])


def assert_security_headers(r, api=True):
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    if api:
        assert r.headers["cache-control"] == "no-store"


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status == 200
    assert r.json == {"status": "ok"}
    assert r.headers["content-type"] == "application/json"
    assert_security_headers(r)


def test_unknown_route_is_404_json(client):
    for path in ("/api/v1/nothing-here", "/api/v2/healthz", "/no-such-page.html"):
        r = client.get(path)
        assert r.status == 404, path
        assert r.error["code"] == "not_found"
        assert_security_headers(r)


def test_wrong_method_is_405_with_allow(client):
    r = client.request("DELETE", "/healthz")
    assert r.status == 405
    assert r.headers["allow"] == "GET"
    assert r.error["code"] == "method_not_allowed"
    r = client.get("/api/v1/test/clock")
    assert r.status == 405 and r.headers["allow"] == "POST"


def test_error_body_shape(client):
    r = client.post("/api/v1/test/clock", {"set": 5})
    assert r.status == 400
    assert set(r.json) == {"error"}
    assert set(r.error) == {"code", "message"}
    assert r.error == {"code": "invalid", "message": "field 'set' must be a string"}


def test_wrong_content_type_is_415(client):
    r = client.post("/api/v1/test/clock", raw=b"set=1", content_type="application/x-www-form-urlencoded")
    assert r.status == 415
    assert r.error["code"] == "unsupported_media_type"
    r = client.post("/api/v1/test/clock", raw=b'{"advance_ms":1}', content_type="text/plain")
    assert r.status == 415
    # parameters of the media type are fine
    r = client.post("/api/v1/test/clock", raw=b'{"advance_ms":1}',
                    content_type="application/json; charset=utf-8")
    assert r.status == 200


def test_malformed_json_is_400(client):
    for raw in (b"{", b'{"set": }', b"nul", b'{"a":1,"a":2}', b"\xff\xfe{}", b'{"set":"\\u0000"}'):
        r = client.post("/api/v1/test/clock", raw=raw)
        assert r.status == 400, raw
        assert r.error["code"] == "invalid"
    r = client.post("/api/v1/test/clock", raw=b"{")
    assert "not valid json" in r.error["message"]


def test_body_must_be_an_object(client):
    for raw in (b"[]", b"1", b'"x"', b"null"):
        r = client.post("/api/v1/test/clock", raw=raw)
        assert r.status == 400, raw
        assert r.error["message"] == "request body must be a json object"


def test_wrong_types_name_the_field(client):
    r = client.post("/api/v1/test/clock", {"advance_ms": "soon"})
    assert r.status == 400
    assert r.error["message"] == "field 'advance_ms' must be an integer"
    r = client.post("/api/v1/test/clock", {"advance_ms": -5})
    assert r.status == 400 and "'advance_ms'" in r.error["message"]
    r = client.post("/api/v1/test/clock", {})
    assert r.status == 400


def test_too_deep_json_is_refused(client):
    ok = "[" * (DEPTH_MAX - 1) + "]" * (DEPTH_MAX - 1)
    r = client.post("/api/v1/test/clock", raw=('{"x":%s,"advance_ms":1}' % ok).encode())
    assert r.status == 200
    deep = "[" * 100000 + "]" * 100000
    r = client.post("/api/v1/test/clock", raw=('{"x":%s}' % deep).encode())
    assert r.status == 400
    assert "nests deeper than %d" % DEPTH_MAX in r.error["message"]
    # brackets inside strings do not count
    r = client.post("/api/v1/test/clock", raw=('{"x":"%s","advance_ms":1}' % ("[" * 100)).encode())
    assert r.status == 200


def test_oversize_body_refused_from_headers(server):
    # Only the headers are sent: the 413 must come without any body byte.
    raw = raw_exchange(server, (
        "POST /api/v1/test/clock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: %d\r\n\r\n" % (BODY_MAX + 1)).encode())
    assert status_of(raw) == 413
    body = raw.partition(b"\r\n\r\n")[2]
    assert json.loads(body)["error"]["code"] == "too_large"


def test_oversize_chunked_body_is_413(client):
    # an iterable body without a length: http.client sends it chunked
    r = client.post("/api/v1/test/clock", raw=iter([b" " * 65536] * 20))
    assert r.status == 413
    assert r.error["code"] == "too_large"


def test_body_at_the_limit_is_read(client):
    body = b'{"advance_ms":1}' + b" " * (BODY_MAX - 16)
    assert len(body) == BODY_MAX
    r = client.post("/api/v1/test/clock", raw=body)
    assert r.status == 200


def test_oversize_headers_are_431(server, client):
    r = client.get("/healthz", headers={"X-Big": "a" * (HEADER_MAX + 100)})
    assert r.status == 431
    assert r.error["code"] == "headers_too_large"
    # far over: libmicrohttpd's own memory limit answers
    raw = raw_exchange(server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (8 * HEADER_MAX) + b"\r\n\r\n")
    assert status_of(raw) == 431


def test_garbage_request_does_not_kill_the_server(server, client):
    raw_exchange(server, b"\x00\x01\x02 garbage\r\n\r\n", half_close=True, timeout=5)
    raw_exchange(server, b"GET / HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n", half_close=True, timeout=5)
    raw_exchange(server, b"POST /api/v1/test/clock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 10\r\n\r\n{", half_close=True, timeout=5)  # gone mid-body
    raw_exchange(server, b"POST /api/v1/test/clock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\nzz\r\n", half_close=True, timeout=5)
    assert client.get("/healthz").status == 200


def test_invalid_utf8_path_is_400(server):
    raw = raw_exchange(server, b"GET /api/v1/%ff HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status_of(raw) == 400


def test_static_console(client):
    r = client.get("/")
    assert r.status == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert b"<" in r.body
    assert_security_headers(r, api=False)
    etag = r.headers["etag"]
    r2 = client.get("/index.html")
    assert r2.status == 200 and r2.body == r.body and r2.headers["etag"] == etag
    r3 = client.get("/", headers={"If-None-Match": etag})
    assert r3.status == 304 and r3.body == b""
    r4 = client.post("/index.html", {"x": 1})
    assert r4.status == 405


def test_fake_clock(fresh_server):
    c = fresh_server.client()
    r = c.post("/api/v1/test/clock", {"set": "2025-12-06T08:00:00.000Z"})
    assert r.status == 200 and r.json == {"now": "2025-12-06T08:00:00.000Z"}
    r = c.post("/api/v1/test/clock", {"advance_ms": 90061001})
    assert r.json == {"now": "2025-12-07T09:01:01.001Z"}
    r = c.post("/api/v1/test/clock", {"set": "yesterday"})
    assert r.status == 400
    r = c.post("/api/v1/test/clock", {"set": "2025-12-06T08:00:00.000Z", "advance_ms": 1})
    assert r.status == 400


def test_clock_route_needs_the_flag(tmp_path):
    s = Server(str(tmp_path), fake_clock=False)
    try:
        r = s.client().post("/api/v1/test/clock", {"advance_ms": 1000})
        assert r.status == 404
        assert s.client().get("/healthz").status == 200
    finally:
        s.stop()


def test_access_log_has_no_secrets(server, client):
    client.get("/healthz?token=SECRETQUERY", headers={"Cookie": "rl_session=SECRETCOOKIE",
                                                        "Authorization": "Bearer SECRETBEARER",
                                                        "X-Forwarded-For": "203.0.113.9"})
    client.post("/api/v1/test/clock", {"advance_ms": 1, "password": "SECRETPW"})
    log = server.stderr()
    assert "SECRET" not in log
    lines = [json.loads(l) for l in log.splitlines() if l.startswith("{")]
    h = [l for l in lines if l["path"] == "/healthz"]
    assert h and {"time", "ip", "method", "path", "status", "bytes", "ms"} <= set(h[-1])
    assert h[-1]["ip"] == "127.0.0.1"        # the socket's address, never a header
    assert "203.0.113.9" not in log


def test_server_survives_everything(client):
    assert client.get("/healthz").json == {"status": "ok"}


def web_files():
    """The files web/meson.build embeds (the console's own list)."""
    import os
    import re
    from apihelp import ROOT
    with open(os.path.join(ROOT, "web", "meson.build"), encoding="utf-8") as f:
        text = f.read()
    block = text[text.index("web_files = files("):]
    block = block[:block.index(")")]
    return re.findall(r"'([^']+)'", block)


def test_every_console_file_is_served_with_its_type(client):
    files = web_files()
    assert "index.html" in files
    for name in files:
        r = client.get("/" + name)
        assert r.status == 200, name
        assert r.headers["content-type"] != "application/octet-stream", name
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["etag"]
    js = [n for n in files if n.endswith(".js")]
    if js:
        r = client.get("/static/" + js[0])
        assert r.status == 200 and r.headers["content-type"].startswith("text/javascript")


def test_path_query_and_paging_decoding(client):
    r = client.get("/api/v1/test/echo/VN-22?q=ngh%E1%BB%87%20an")
    assert r.status == 200
    assert r.json == {"name": "VN-22", "q": "nghệ an", "limit": 50, "cursor": None}
    r = client.get("/api/v1/test/echo/x?limit=500&cursor=abc")
    assert r.json["limit"] == 500 and r.json["cursor"] == "abc"
    r = client.get("/api/v1/test/echo/x?limit=1")
    assert r.json["limit"] == 1
    for bad in ("0", "501", "-1", "ten", "5x", ""):
        r = client.get("/api/v1/test/echo/x?limit=" + bad)
        assert r.status == 400, bad
        assert r.error["message"] == "query parameter 'limit' must be a number from 1 to 500"
    r = client.get("/api/v1/test/echo/x?q=%ff")
    assert r.status == 400 and "not valid utf-8" in r.error["message"]
    r = client.get("/api/v1/test/echo/x?q=" + "a" * 300)
    assert r.status == 413
    # a parameter is one whole segment
    assert client.get("/api/v1/test/echo/").status == 404
    assert client.get("/api/v1/test/echo/a/b").status == 404
    # libmicrohttpd decodes %2F before routing: it splits segments too
    assert client.get("/api/v1/test/echo/%2F").status == 404
    assert client.get("/api/v1/test/echo/a%20b").json["name"] == "a b"


def test_parallel_requests_share_nothing(server):
    """Several clients at once on the worker threads: sign-ins, reads and
    sign-outs all succeed (each thread has its own database connection)."""
    import threading
    results = []

    def worker():
        c = server.client()
        r = c.post("/api/v1/session", {"login": "analyst", "password": "redline-demo"})
        results.append(r.status)
        c.csrf = r.json.get("csrf_token") if r.status == 200 else None
        for _ in range(5):
            results.append(c.get("/api/v1/me").status)
        results.append(c.delete("/api/v1/session").status)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 6 * 7
    assert set(results) <= {200, 204}, results
    assert "database is locked" not in server.stderr()


def test_bad_content_length_is_400(server, client):
    raw = raw_exchange(server, b"POST /api/v1/test/clock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                               b"Content-Length: 12abc\r\n\r\n{}", half_close=True, timeout=5)
    assert status_of(raw) == 400
    assert client.get("/healthz").status == 200
