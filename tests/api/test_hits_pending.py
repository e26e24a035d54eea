"""GET /api/v1/hits/pending and POST /api/v1/hits/resend: the hit
notifications the hotline has not carried yet, seen and sent from the API
with the rules of `redline --as LOGIN hit pending|resend`."""
from conftest import Redline

LA_CP = "la-xi-v0102.checkpoint"
LA_OFF = "la-xi-v0102.officer"
VN_CP = "vn-22-c9001.checkpoint"
VN_SUP = "vn-22.supervisor"


def signed_in(server, login):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": "redline-demo"})
    assert r.status == 200, r
    c.bearer = r.json["token"]
    return c


def hit_alerts(sup):
    items = sup.get("/api/v1/messages?box=inbox&limit=100").json["items"]
    return [m for m in items if m["subject"].startswith("HIT: notice")]


def test_pending_and_resend_need_sign_in(client):
    assert client.get("/api/v1/hits/pending").status == 401
    assert client.post("/api/v1/hits/resend", {}).status == 401


def test_operator_hit_is_listed_and_sent_once_by_a_user_of_the_checkpoint(server):
    # The operator records a hit on the command line: no user to send it in
    # the name of, so it waits for a user of the checkpoint's unit.
    out = Redline(server.db).ok("screen", "--record-hit", "DEMO-VN-0002", "--unit", "LA-XI-V0102",
                                "--action-taken", "informed")
    assert "pending" in out, out
    cp, other, sup = signed_in(server, LA_CP), signed_in(server, VN_CP), signed_in(server, VN_SUP)
    before = len(hit_alerts(sup))

    r = cp.get("/api/v1/hits/pending")
    assert r.status == 200, r
    items = r.json["items"]
    assert [(p["notice"], p["checkpoint"], p["to"], p["recorded_by"], p["attempts"]) for p in items] == \
        [("DEMO-VN-0002", "LA-XI-V0102", "VN-22", "system:cli", 1)]
    assert "only by a user" in items[0]["last_error"] and items[0]["next_attempt"]
    # Another unit's checkpoint neither sees nor sends it.
    assert other.get("/api/v1/hits/pending").json["items"] == []
    r = other.post("/api/v1/hits/resend", {"now": True})
    assert r.status == 200 and (r.json["sent"], r.json["pending"], r.json["results"]) == (0, 0, [])
    assert len(hit_alerts(sup)) == before

    # The first attempt failed and backs off: without now, nothing is due.
    r = cp.post("/api/v1/hits/resend", {})
    assert r.status == 200 and (r.json["sent"], r.json["pending"]) == (0, 0), r
    r = cp.post("/api/v1/hits/resend", {"now": True})
    assert r.status == 200 and (r.json["sent"], r.json["pending"]) == (1, 0), r
    res = r.json["results"][0]
    assert res["sent"] is True and res["message"].startswith("HL-") and res["error"] is None
    assert res["id"] == items[0]["id"] and res["notice"] == "DEMO-VN-0002"
    # Exactly once.
    r = cp.post("/api/v1/hits/resend", {"now": True})
    assert (r.json["sent"], r.json["pending"]) == (0, 0)
    assert cp.get("/api/v1/hits/pending").json["items"] == []
    alerts = hit_alerts(sup)
    assert len(alerts) == before + 1
    assert alerts[0]["from"] == "LA-XI-V0102" and alerts[0]["priority"] == "flash"
    assert alerts[0]["code"] == res["message"]
    audit = Redline(server.db).ok("--format", "json", "audit", "list", "--action", "hit.notify")
    assert ("user:" + LA_CP) in audit


def test_roles_and_bad_input(server):
    for login in ("analyst", "admin"):
        c = signed_in(server, login)
        assert c.get("/api/v1/hits/pending").status == 403, login
        assert c.post("/api/v1/hits/resend", {}).status == 403, login
    cp = signed_in(server, LA_OFF)
    r = cp.post("/api/v1/hits/resend", {"now": "yes"})
    assert r.status == 400 and "'now'" in r.error["message"], r
    r = cp.request("POST", "/api/v1/hits/resend", raw=b"now", content_type="text/plain")
    assert r.status == 415, r
    r = cp.request("POST", "/api/v1/hits/resend", raw=b"[1]")
    assert r.status == 400, r
    assert cp.get("/api/v1/hits/pending").status == 200
