"""Deployment settings over the API: admins list and change the hotline's
deadlines, other users get 403, unknown keys 404, bad values 400 with nothing
changed; the running server uses a change at once, whether made through the
API or by `redline config` in another process."""
import subprocess

from apihelp import BIN

DEMO_PW = "redline-demo"
VN_POST = "vn-22-c9001.officer"
LA_POST = "la-xi-v0101.officer"
LA_DISTRICT = "la-xi-d01.officer"


def signed_in(server, login):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": DEMO_PW})
    assert r.status == 200, r
    c.csrf = r.json["csrf_token"]
    return c


def put(c, key, value):
    return c.request("PUT", "/api/v1/config/" + key, body={"value": value})


def flash(c, subject="Xe tải hướng Nậm Cắn"):
    r = c.post("/api/v1/messages", {"to": ["LA-XI-V0101"], "kind": "alert", "priority": "flash",
                                    "subject": subject, "fields": {"threat": "drug_shipment"}})
    assert r.status == 201, r
    return r.json


def advance(server, minutes):
    r = server.client().post("/api/v1/test/clock", {"advance_ms": minutes * 60 * 1000})
    assert r.status == 200, r


def escalated_units(c, mid):
    t = c.get("/api/v1/messages/%s?lang=en" % mid).json
    return [e["unit"] for e in t["timeline"] if e["what"] == "escalated"]


def test_list_get_and_rights(server):
    admin = signed_in(server, "admin")
    r = admin.get("/api/v1/config")
    assert r.status == 200
    items = {x["key"]: x for x in r.json["items"]}
    assert items["hotline.ack.flash"]["value"] == "15m" and items["hotline.ack.flash"]["ms"] == 900000
    assert items["hotline.reply.routine"]["default"] == "7d" and not items["hotline.reply.routine"]["set"]
    assert admin.get("/api/v1/config/hotline.ack.urgent").json["value"] == "1h"
    assert admin.get("/api/v1/config/nope").status == 404
    officer = signed_in(server, VN_POST)
    assert officer.get("/api/v1/config").status == 403
    assert officer.get("/api/v1/config/hotline.ack.flash").status == 403
    assert put(officer, "hotline.ack.flash", "5m").status == 403
    assert officer.delete("/api/v1/config/hotline.ack.flash").status == 403
    assert server.client().get("/api/v1/config").status == 401
    assert admin.get("/api/v1/config/hotline.ack.flash").json["set"] is False


def test_bad_values_change_nothing(server):
    admin = signed_in(server, "admin")
    before = admin.get("/api/v1/config").json
    for body, status, words in [
            ({"value": "30s"}, 400, "must be from 1m to 30d"),
            ({"value": "soon"}, 400, "malformed duration"),
            ({"value": 5}, 400, "must be a string"),
            ({}, 400, "missing field 'value'"),
            ({"value": "1h" * 40}, 413, "value")]:
        r = admin.request("PUT", "/api/v1/config/hotline.ack.flash", body=body)
        assert r.status == status and words in r.error["message"], (body, r)
        assert r.error["message"] == r.error["message"].strip() and "\n" not in r.error["message"]
    assert put(admin, "hotline.ack.slow", "5m").status == 404
    r = admin.request("PUT", "/api/v1/config/hotline.ack.flash", raw=b"[1]")
    assert r.status == 400
    assert admin.get("/api/v1/config").json == before


def test_deadline_change_applies_to_the_running_server(fresh_server):
    admin = signed_in(fresh_server, "admin")
    r = put(admin, "hotline.ack.flash", "5m")
    assert r.status == 200 and r.json["value"] == "5m" and r.json["set"] and r.json["updated_by"] == "user:admin"
    vn = signed_in(fresh_server, VN_POST)
    m = flash(vn)
    advance(fresh_server, 4)
    la = signed_in(fresh_server, LA_POST)
    assert escalated_units(la, m["id"]) == []
    advance(fresh_server, 2)                    # 6 minutes: past 5m, before the default 15m
    assert escalated_units(la, m["id"]) == ["LA-XI-D01"]
    # the operator changes it from the command line while the server runs
    p = subprocess.run([BIN, "--db", fresh_server.db, "config", "set", "hotline.ack.flash", "30m"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert admin.get("/api/v1/config/hotline.ack.flash").json["value"] == "30m"
    m2 = flash(vn, "second")
    advance(fresh_server, 20)
    la = signed_in(fresh_server, LA_POST)
    assert escalated_units(la, m2["id"]) == []
    r = admin.delete("/api/v1/config/hotline.ack.flash")
    assert r.status == 200 and r.json["value"] == "15m" and not r.json["set"]
