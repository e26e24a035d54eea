"""The hotline API: send (with Idempotency-Key), boxes with counts and
paging, threads with timeline (read on first open), acknowledge, reply,
forward, close, search, templates in four languages, addressees for
compose, duty, attachments served only to readers, the live event stream,
and escalation driven by the fake clock."""
import base64
import json
import socket
import time
import urllib.parse

import pytest

from apihelp import Server

DEMO_PW = "redline-demo"
VN_POST = "vn-22-c9001.officer"
LA_POST = "la-xi-v0101.officer"
LA_DISTRICT = "la-xi-d01.officer"
LA_PROV = "la-xi.supervisor"
LA_SIBLING = "la-xi-v0102.officer"


def signed_in(server, login):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": DEMO_PW})
    assert r.status == 200, r
    c.csrf = r.json["csrf_token"]
    return c


def flash(c, **kw):
    body = {"to": ["LA-XI-V0101"], "kind": "alert", "priority": "flash", "tlp": "amber",
            "subject": "Xe chở ma túy hướng Nậm Cắn", "body": "Hai xe tải",
            "fields": {"threat": "drug_shipment", "persons_count": 2}}
    body.update(kw)
    return c.post("/api/v1/messages", body)


@pytest.fixture(scope="module")
def vn(server):
    return signed_in(server, VN_POST)


@pytest.fixture(scope="module")
def la(server):
    return signed_in(server, LA_POST)


def test_send_and_idempotency(server, vn, la):
    r = vn.post("/api/v1/messages", {"to": "LA-XI-V0101", "kind": "information", "subject": "chào"},
                headers={"Idempotency-Key": "api-key-1"})
    assert r.status == 201, r
    first = r.json
    r = vn.post("/api/v1/messages", {"to": "LA-XI-V0101", "kind": "information", "subject": "again"},
                headers={"Idempotency-Key": "api-key-1"})
    assert r.status == 201 and r.json["id"] == first["id"] and r.json["replayed"]
    r = vn.post("/api/v1/messages", {"to": "LA-XI-V0101", "kind": "information", "subject": "body key",
                                     "idempotency_key": "api-key-1"})
    assert r.json["id"] == first["id"]
    items = la.get("/api/v1/messages?box=inbox&limit=500").json["items"]
    assert sum(1 for m in items if m["id"] == first["id"]) == 1


def test_send_refusals(vn):
    r = flash(vn, to=["LA-AT-V0101"])
    assert r.status == 403 and "may not write to" in r.error["message"]
    r = flash(vn, **{"from": "VN-22"})
    assert r.status == 403
    r = flash(vn, fields={"threat": "aliens"})
    assert r.status == 400 and "threat" in r.error["message"]
    r = flash(vn, fields={"colour": "red", "threat": "weapons"})
    assert r.status == 400 and "colour" in r.error["message"]
    r = flash(vn, to=[1])
    assert r.status == 400
    r = flash(vn, fields=[1])
    assert r.status == 400
    r = vn.post("/api/v1/messages", {"kind": "alert"})
    assert r.status == 400
    r = vn.post("/api/v1/messages", raw=b"not json")
    assert r.status == 400


def test_thread_states_and_labels(server, vn, la):
    m = flash(vn).json
    lst = la.get("/api/v1/messages?box=inbox").json
    row = [x for x in lst["items"] if x["id"] == m["id"]][0]
    assert row["state"] == "delivered" and row["priority"] == "flash"
    assert lst["counts"]["unread"] >= 1
    t = la.get("/api/v1/messages/" + m["id"]).json
    msg = t["messages"][0]
    labels = {f["name"]: f for f in msg["fields_labeled"]}
    assert labels["threat"]["label"] == "ປະເພດໄພຂົ່ມຂູ່"
    assert labels["threat"]["value_label"] == "ການຂົນສົ່ງຢາເສບຕິດ"
    assert msg["priority_label"] == "ດ່ວນທີ່ສຸດ"
    assert [a["state"] for a in msg["addressees"]] == ["read"]
    en = la.get("/api/v1/messages/%s?lang=en" % m["id"]).json["messages"][0]
    assert {f["name"]: f for f in en["fields_labeled"]}["threat"]["value_label"] == "Drug shipment"
    assert la.get("/api/v1/messages/%s?lang=xx" % m["id"]).status == 400
    r = la.post("/api/v1/messages/%s/ack" % m["id"])
    assert r.status == 200 and r.json["messages"][0]["addressees"][0]["state"] == "acknowledged"
    assert la.post("/api/v1/messages/%s/ack" % m["id"]).status == 409
    r = la.post("/api/v1/messages/%s/reply" % m["id"], {"body": "ໄດ້ຮັບແລ້ວ"})
    assert r.status == 201
    t = vn.get("/api/v1/messages/" + m["id"]).json
    assert len(t["messages"]) == 2 and t["messages"][1]["kind"] == "reply"
    assert "answered" in [e["what"] for e in t["timeline"]]
    assert la.post("/api/v1/messages/%s/close" % m["id"]).status == 403
    assert vn.post("/api/v1/messages/%s/close" % m["id"], {"note": "done"}).status == 200
    assert la.post("/api/v1/messages/%s/reply" % m["id"], {"body": "x"}).status == 409


def test_out_of_scope_is_404(server, vn):
    m = flash(vn, tlp="red").json
    other = signed_in(server, LA_SIBLING)
    assert other.get("/api/v1/messages/" + m["id"]).status == 404
    assert other.post("/api/v1/messages/%s/ack" % m["id"]).status == 404
    assert other.get("/api/v1/messages/01ZZZZZZZZZZZZZZZZZZZZZZZZ").status == 404
    prov = signed_in(server, LA_PROV)
    assert prov.get("/api/v1/messages/" + m["id"]).status == 404
    amber = flash(vn).json
    assert prov.get("/api/v1/messages/" + amber["id"]).status == 200


def test_forward_and_search(server, vn, la):
    m = flash(vn, subject="Đối tượng Vàng A Sùng di chuyển").json
    r = la.post("/api/v1/messages/%s/forward" % m["id"], {"to": "LA-XI-D01", "note": "xem"})
    assert r.status == 200
    d = signed_in(server, LA_DISTRICT)
    assert any(x["id"] == m["id"] for x in d.get("/api/v1/messages?box=inbox").json["items"])
    assert la.post("/api/v1/messages/%s/forward" % m["id"], {"to": "VN-22"}).status == 403
    for q in ("Vàng A Sùng", "vang a sung", "doi tuong"):
        r = la.get("/api/v1/messages/search?q=" + urllib.parse.quote(q))
        assert r.status == 200 and m["id"] in [x["id"] for x in r.json["items"]], q
    r = la.get("/api/v1/messages/search?q=" + urllib.parse.quote("ຢາເສບຕິດ"))
    assert m["id"] in [x["id"] for x in r.json["items"]]
    assert la.get("/api/v1/messages/search").status == 400
    assert la.get("/api/v1/messages/search?q=ab").status == 400


def test_boxes_filters_paging(vn, la):
    for i in range(3):
        vn.post("/api/v1/messages", {"to": "LA-XI-V0101", "kind": "information", "subject": "page %d" % i})
    r = la.get("/api/v1/messages?box=inbox&kind=information&limit=2")
    assert r.status == 200 and len(r.json["items"]) == 2 and r.json["next_cursor"]
    r2 = la.get("/api/v1/messages?box=inbox&kind=information&limit=2&cursor=" + r.json["next_cursor"])
    ids = [x["id"] for x in r.json["items"] + r2.json["items"]]
    assert len(ids) == len(set(ids))
    assert la.get("/api/v1/messages?box=sideways").status == 400
    assert la.get("/api/v1/messages?overdue=maybe").status == 400
    out = vn.get("/api/v1/messages?box=outbox").json["items"]
    assert out and all(x["from"] == "VN-22-C9001" for x in out)


def test_templates_addressees_duty(server, vn, la):
    t = la.get("/api/v1/hotline/templates?lang=vi").json
    alert = [x for x in t["items"] if x["kind"] == "alert"][0]
    threat = [f for f in alert["fields"] if f["name"] == "threat"][0]
    assert threat["label"] == "Loại nguy cơ"
    assert {"code": "weapons", "label": "Vũ khí"} in threat["codes"]
    assert t["labels"]["flash"] == "Hỏa tốc"
    assert la.get("/api/v1/hotline/templates").json["lang"] == "lo"
    a = vn.get("/api/v1/hotline/addressees").json["items"]
    codes = {x["code"]: x["route"] for x in a}
    assert codes["VN-22"] == "parent" and codes["LA-XI-V0101"] == "counterpart"
    assert "LA-AT-V0101" not in codes
    r = la.post("/api/v1/duty", {"on": False})
    assert r.status == 200 and r.json["on"] is False
    who = la.get("/api/v1/duty?unit=LA-XI-V0101").json["items"]
    assert who == []
    assert la.post("/api/v1/duty", {"on": "yes"}).status == 400
    la.post("/api/v1/duty", {"on": True})
    assert [x["login"] for x in la.get("/api/v1/duty?unit=LA-XI-V0101").json["items"]] == [LA_POST]


def test_attachments_only_for_readers(server, vn, la):
    m = flash(vn, tlp="red").json
    data = "bản đồ ບ້ານ".encode("utf-8") + bytes(range(256))
    r = vn.post("/api/v1/messages/%s/attachments" % m["id"],
                {"filename": "map.bin", "content_type": "image/png",
                 "data": base64.b64encode(data).decode()})
    assert r.status == 201, r
    aid = r.json["id"]
    assert la.post("/api/v1/messages/%s/attachments" % m["id"],
                   {"filename": "x", "content_type": "a/b", "data": ""}).status == 403
    assert vn.post("/api/v1/messages/%s/attachments" % m["id"],
                   {"filename": "x", "content_type": "a/b", "data": "***"}).status == 400
    g = la.get("/api/v1/attachments/" + aid)
    assert g.status == 200 and g.body == data
    assert g.headers["content-type"] == "application/octet-stream"
    assert "attachment" in g.headers["content-disposition"]
    assert signed_in(server, LA_SIBLING).get("/api/v1/attachments/" + aid).status == 404
    t = la.get("/api/v1/messages/" + m["id"]).json
    assert t["messages"][0]["attachments"][0]["filename"] == "map.bin"


def read_events(server, client, want, timeout=20):
    """Opens the event stream, waits until `want` (a predicate over the list
    of events so far) holds or timeout; returns the events."""
    s = socket.create_connection((server.host, server.port), timeout=timeout)
    cookie = "; ".join("%s=%s" % kv for kv in client.cookies.items())
    s.sendall(("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
               "Cookie: %s\r\n\r\n" % cookie).encode())
    return s


def collect(s, until, deadline):
    buf, events = b"", []
    while time.time() < deadline and not until(events):
        try:
            chunk = s.recv(4096)
        except socket.timeout:
            break
        if not chunk:
            break
        buf += chunk
        for block in buf.split(b"\n\n")[:-1]:
            lines = block.decode("utf-8", "replace").split("\n")
            name = [l[7:] for l in lines if l.startswith("event: ")]
            data = [l[6:] for l in lines if l.startswith("data: ")]
            if name and data:
                events.append((name[0], json.loads(data[0])))
        buf = buf.split(b"\n\n")[-1]
    return events


def test_live_events_and_escalation(fresh_server):
    vn = signed_in(fresh_server, VN_POST)
    la = signed_in(fresh_server, LA_POST)
    d = signed_in(fresh_server, LA_DISTRICT)
    s_la = read_events(fresh_server, la, None)
    s_d = read_events(fresh_server, d, None)
    try:
        hello = collect(s_la, lambda e: len(e) >= 1, time.time() + 10)
        assert hello and hello[0][0] == "hello"
        collect(s_d, lambda e: len(e) >= 1, time.time() + 10)
        m = flash(vn).json
        ev = collect(s_la, lambda e: any(x[1].get("id") == m["id"] for x in e), time.time() + 10)
        got = [x[1] for x in ev if x[0] == "message"]
        assert got and got[0]["id"] == m["id"] and got[0]["priority"] == "flash" and got[0]["what"] == "new"
        # 16 minutes later, unacknowledged: the district gets it, live
        r = fresh_server.client().post("/api/v1/test/clock", {"advance_ms": 16 * 60 * 1000})
        assert r.status == 200
        ev = collect(s_d, lambda e: any(x[1].get("id") == m["id"] for x in e), time.time() + 10)
        esc = [x[1] for x in ev if x[0] == "message" and x[1]["id"] == m["id"]]
        assert esc and esc[0]["what"] == "escalated"
        t = la.get("/api/v1/messages/%s?lang=en" % m["id"]).json
        assert [e["unit"] for e in t["timeline"] if e["what"] == "escalated"] == ["LA-XI-D01"]
        fresh_server.client().post("/api/v1/test/clock", {"advance_ms": 16 * 60 * 1000})
        prov = signed_in(fresh_server, LA_PROV)
        box = prov.get("/api/v1/messages?box=escalated").json["items"]
        assert box and box[0]["id"] == m["id"] and box[0]["box"]["level"] == 2
        vn = signed_in(fresh_server, VN_POST)   # 32 idle minutes ended the first session
        t = vn.get("/api/v1/messages/" + m["id"]).json
        assert [e["unit"] for e in t["timeline"] if e["what"] == "escalated"] == ["LA-XI-D01", "LA-XI"]
    finally:
        s_la.close()
        s_d.close()


def test_events_need_sign_in(server):
    assert server.client().get("/api/v1/events").status == 401


@pytest.fixture
def one_thread_server(tmp_path):
    """A server with one worker: every request meets the same database
    connection and so whatever it remembers."""
    s = Server(str(tmp_path), args=("--threads", "1"))
    yield s
    s.stop()


def test_inbox_counts_follow_acts_and_clock(one_thread_server):
    """The counts on every inbox page follow each act and the clock: the
    server keeps them in counters and remembers the overdue count until
    the unit changes or a deadline passes, and must never answer an old
    one."""
    fresh_server = one_thread_server
    def counts():
        la = signed_in(fresh_server, LA_POST)   # a session may have idled out
        c = la.get("/api/v1/messages?box=inbox&limit=5").json["counts"]
        return la, (c["inbox"], c["unread"], c["overdue"])

    def advance(ms):
        assert fresh_server.client().post("/api/v1/test/clock", {"advance_ms": ms}).status == 200

    la, got = counts()
    assert got == (0, 0, 0)
    vn = signed_in(fresh_server, VN_POST)
    f = flash(vn).json
    info = vn.post("/api/v1/messages", {"to": "LA-XI-V0101", "kind": "information",
                                        "subject": "thường lệ"}).json
    for _ in range(2):                      # asked twice: the second from memory
        la, got = counts()
        assert got == (2, 2, 0)
    assert la.get("/api/v1/messages/" + f["id"]).status == 200      # first open: read
    assert counts()[1] == (2, 1, 0)
    advance(16 * 60 * 1000)                 # past the flash's 15-minute ack deadline
    assert counts()[1] == (2, 1, 1)
    la, _ = counts()
    assert la.post("/api/v1/messages/%s/ack" % f["id"]).status == 200
    assert counts()[1] == (2, 1, 0)
    advance(25 * 3600 * 1000)               # past the routine message's day
    assert counts()[1] == (2, 1, 1)
    vn = signed_in(fresh_server, VN_POST)
    assert vn.post("/api/v1/messages/%s/close" % info["id"], {}).status == 200
    assert counts()[1] == (2, 0, 0)
