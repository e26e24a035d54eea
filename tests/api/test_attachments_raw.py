"""Attachments uploaded as the request body (no base64 in JSON): any type,
the name in ?filename=, served back byte for byte to readers only; refused
from the headers alone when too large (413) or of unknown length (411);
only the sender's unit may attach; every refusal stores nothing; the older
JSON form still works."""
import base64
import http.client
import socket
import sqlite3
import urllib.parse

import pytest

DEMO_PW = "redline-demo"
VN_POST = "vn-22-c9001.officer"
LA_POST = "la-xi-v0101.officer"
LA_SIBLING = "la-xi-v0102.officer"
MAX = 10 * 1024 * 1024


def signed_in(server, login):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": DEMO_PW})
    assert r.status == 200, r
    c.csrf = r.json["csrf_token"]
    return c


@pytest.fixture(scope="module")
def vn(server):
    return signed_in(server, VN_POST)


@pytest.fixture(scope="module")
def la(server):
    return signed_in(server, LA_POST)


def message(vn, tlp="amber"):
    r = vn.post("/api/v1/messages", {"to": ["LA-XI-V0101"], "kind": "information", "tlp": tlp,
                                     "subject": "ảnh hiện trường"})
    assert r.status == 201, r
    return r.json


def upload(c, mid, data, name="ảnh 1.jpg", ctype="image/jpeg", headers=None):
    path = "/api/v1/messages/%s/attachments" % mid
    if name is not None:
        path += "?filename=" + urllib.parse.quote(name)
    return c.request("POST", path, raw=data, content_type=ctype, headers=headers)


def stored(server):
    con = sqlite3.connect(server.db)
    try:
        return con.execute("select count(*) from attachments").fetchone()[0]
    finally:
        con.close()


def raw_request(server, client, head_lines, body=b"", read_timeout=20):
    """Sends a hand-made request (headers, then maybe part of a body) and
    returns the status line and the reply, without sending more."""
    s = socket.create_connection((server.host, server.port), timeout=read_timeout)
    try:
        cookie = "; ".join("%s=%s" % kv for kv in client.cookies.items())
        head = "\r\n".join(head_lines + ["Host: x", "Cookie: " + cookie, "X-CSRF-Token: " + client.csrf,
                                         "Connection: close", "", ""])
        s.sendall(head.encode() + body)
        data = b""
        while b"\r\n\r\n" not in data or not data.split(b"\r\n\r\n", 1)[1].endswith(b"}"):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return data.decode("utf-8", "replace")
    finally:
        s.close()


def test_upload_and_download_bytes(server, vn, la):
    m = message(vn)
    data = bytes(range(256)) * 4096 + "bản đồ ບ້ານ".encode()       # 1 MiB and more: past the JSON limit
    r = upload(vn, m["id"], data, name="bản đồ.png", ctype="image/png")
    assert r.status == 201, r
    assert r.json["filename"] == "bản đồ.png" and r.json["size"] == len(data)
    assert r.json["content_type"] == "image/png"
    g = la.get("/api/v1/attachments/" + r.json["id"])
    assert g.status == 200 and g.body == data and g.headers["x-content-type"] == "image/png"
    t = la.get("/api/v1/messages/" + m["id"]).json
    files = t["messages"][0]["attachments"]
    assert [(f["filename"], f["size"]) for f in files] == [("bản đồ.png", len(data))]
    assert "attached" in [e["what"] for e in t["timeline"]]
    # the name in a header instead; no type: octet-stream
    r = upload(vn, m["id"], b"\x00\x01", name=None, ctype=None, headers={"X-Filename": "scan.bin"})
    assert r.status == 201 and r.json["content_type"] == "application/octet-stream", r


def test_exactly_the_limit_is_accepted(server, vn):
    m = message(vn)
    r = upload(vn, m["id"], b"\xff" * MAX, name="big.tif", ctype="image/tiff")
    assert r.status == 201 and r.json["size"] == MAX, r


def test_refused_from_the_headers(server, vn):
    m = message(vn)
    n = stored(server)
    path = "/api/v1/messages/%s/attachments?filename=x.jpg" % m["id"]
    # 413 before the body: only the headers are sent
    reply = raw_request(server, vn, ["POST %s HTTP/1.1" % path, "Content-Type: image/jpeg",
                                     "Content-Length: %d" % (MAX + 1)])
    assert reply.startswith("HTTP/1.1 413") and "larger than 10 MiB" in reply, reply[:300]
    # 411: a chunked upload of unknown length
    reply = raw_request(server, vn, ["POST %s HTTP/1.1" % path, "Content-Type: image/jpeg",
                                     "Transfer-Encoding: chunked"], b"5\r\nhello\r\n0\r\n\r\n")
    assert reply.startswith("HTTP/1.1 411") and "content-length" in reply, reply[:300]
    assert stored(server) == n


def test_anonymous_upload_refused_from_the_headers(server, vn):
    """Regression: an anonymous client could make the server read and buffer
    a whole upload before it got its 401. Only the headers are sent here: the
    answer must come without a byte of the body."""
    m = message(vn)
    n = stored(server)
    path = "/api/v1/messages/%s/attachments?filename=x.jpg" % m["id"]

    class Anonymous:
        cookies = {}
        csrf = ""
    reply = raw_request(server, Anonymous(), ["POST %s HTTP/1.1" % path, "Content-Type: image/jpeg",
                                              "Content-Length: %d" % MAX])
    assert reply.startswith("HTTP/1.1 401") and "not signed in" in reply, reply[:300]
    # a forged session token is refused the same way
    reply = raw_request(server, Anonymous(), ["POST %s HTTP/1.1" % path, "Content-Type: image/jpeg",
                                              "Authorization: Bearer " + "A" * 43,
                                              "Content-Length: %d" % MAX])
    assert reply.startswith("HTTP/1.1 401"), reply[:300]
    # a JSON write too: nothing is read before the session is known
    reply = raw_request(server, Anonymous(), ["POST /api/v1/messages HTTP/1.1", "Content-Type: application/json",
                                              "Content-Length: 1000000"])
    assert reply.startswith("HTTP/1.1 401"), reply[:300]
    assert stored(server) == n


def test_bad_uploads_store_nothing(server, vn, la):
    m = message(vn)
    n = stored(server)
    for kw, status, words in [
            (dict(name=None), 400, "missing query parameter 'filename'"),
            (dict(name="a/b.jpg"), 400, "may not hold '/'"),
            (dict(name="x" * 300), 413, "longer than"),
            (dict(name="x" * 220), 413, "filename longer than 200 bytes"),
            (dict(name="ok.jpg", ctype="image/" + "x" * 300), 413, "longer than")]:
        r = upload(vn, m["id"], b"data", **kw)
        assert r.status == status and words in r.error["message"], (kw, r)
    r = upload(la, m["id"], b"data")                       # an addressee, not the sender's unit
    assert r.status == 403 and "only the sender's unit" in r.error["message"]
    red = message(vn, tlp="red")
    assert upload(signed_in(server, LA_SIBLING), red["id"], b"data").status == 404
    assert upload(vn, "HL-9999999", b"data").status == 404
    anon = server.client()
    assert upload(anon, m["id"], b"data").status == 401
    nocsrf = signed_in(server, VN_POST)
    nocsrf.csrf = None
    assert upload(nocsrf, m["id"], b"data").status == 403
    vn.post("/api/v1/messages/%s/close" % red["id"])
    r = upload(vn, red["id"], b"data")
    assert r.status == 409 and "closed" in r.error["message"]
    assert stored(server) == n


def test_json_form_still_works(server, vn):
    m = message(vn)
    r = vn.post("/api/v1/messages/%s/attachments" % m["id"],
                {"filename": "a.txt", "content_type": "text/plain", "data": base64.b64encode(b"hi").decode()})
    assert r.status == 201 and r.json["size"] == 2, r
    r = vn.post("/api/v1/messages/%s/attachments" % m["id"], {"filename": "a.txt"})
    assert r.status == 400 and "content_type" in r.error["message"]
