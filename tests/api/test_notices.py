"""The notices API: listing and showing by visibility, drafting and approving,
withdrawing, screening one traveller or a plate, manifests, hits and
checkpoint statistics, against a real server over the demo database."""
import pytest

LA_CP = "la-xi-v0102.checkpoint"
VN_CP = "vn-22-c9001.checkpoint"
VN_SUP = "vn-22.supervisor"
LA_SUP = "la-xi.supervisor"
VN_OFF = "vn-22-c9001.officer"


def signed_in(server, login):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": "redline-demo"})
    assert r.status == 200, r
    c.bearer = r.json["token"]
    return c


@pytest.fixture(scope="module")
def users(server):
    return {login: signed_in(server, login) for login in (LA_CP, VN_CP, VN_SUP, LA_SUP, VN_OFF, "admin")}


ROUTES = [
    ("GET", "/api/v1/notices"), ("POST", "/api/v1/notices"), ("GET", "/api/v1/notices/DEMO-VN-0001"),
    ("POST", "/api/v1/notices/DEMO-VN-0001/approve"), ("POST", "/api/v1/notices/DEMO-VN-0001/withdraw"),
    ("POST", "/api/v1/notices/DEMO-VN-0001/links"),
    ("POST", "/api/v1/screen"), ("POST", "/api/v1/screen/batch"), ("POST", "/api/v1/hits"),
    ("GET", "/api/v1/checkpoints/stats"),
]


@pytest.mark.parametrize("method,path", ROUTES)
def test_needs_sign_in(client, method, path):
    if path.endswith("/batch"):
        r = client.request(method, path, raw=b"ref,full_name\n", content_type="text/csv")
    else:
        r = client.request(method, path, body={} if method == "POST" else None)
    assert r.status == 401, r


def test_demo_screening_across_the_border(users):
    cp = users[LA_CP]
    r = cp.post("/api/v1/screen", {"full_name": "NGUYEN VAN LONG", "birth_date": "1985-03-12"})
    assert r.status == 200, r
    cands = r.json["candidates"]
    assert cands[0]["notice"] == "DEMO-VN-0001" and cands[0]["action"] == "arrest"
    assert 0 < cands[0]["score"] <= 1 and cands[0]["why"]
    assert 0 < r.json["threshold"] <= 1
    for birth in ("1962-07-30", "1990-05-05"):
        r = cp.post("/api/v1/screen", {"full_name": "Nguyễn Văn Long", "birth_date": birth})
        assert "DEMO-VN-0001" not in [c["notice"] for c in r.json["candidates"]]
    # The own-country notice is not screened for Laos, and is not found by ref.
    r = cp.post("/api/v1/screen", {"full_name": "Tran Quoc Hung", "birth_date": "1990-11-02"})
    assert r.json["candidates"] == []
    assert users[LA_SUP].get("/api/v1/notices/DEMO-VN-0003").status == 404
    assert users[VN_SUP].get("/api/v1/notices/DEMO-VN-0003").status == 200
    r = cp.post("/api/v1/screen", {"plate": "37C 123.45"})
    assert r.json["candidates"][0]["notice"] == "DEMO-VN-0004"


def test_screen_bad_input(users):
    cp = users[LA_CP]
    for body, msg in (({"full_name": "A", "birth_date": "1990-02-30"}, "not a real date"),
                      ({}, "give a name or a plate"),
                      ({"full_name": 5}, "must be a string"),
                      ({"full_name": "A", "threshold": 2}, "threshold"),
                      ({"full_name": "A", "nationality": "QQQ"}, "unknown nationality")):
        r = cp.post("/api/v1/screen", body)
        assert r.status == 400 and msg in r.error["message"], (body, r)
    assert users["admin"].post("/api/v1/screen", {"full_name": "A"}).status == 403


def test_list_and_show(users):
    vn = users[VN_SUP].get("/api/v1/notices").json["items"]
    la = users[LA_SUP].get("/api/v1/notices").json["items"]
    assert "DEMO-VN-0003" in [n["ref"] for n in vn]
    assert "DEMO-VN-0003" not in [n["ref"] for n in la]
    assert "DEMO-VN-0001" in [n["ref"] for n in la]
    page = users[VN_SUP].get("/api/v1/notices?limit=2").json
    assert len(page["items"]) == 2 and page["next_cursor"]
    nxt = users[VN_SUP].get("/api/v1/notices?limit=2&cursor=" + page["next_cursor"]).json
    assert nxt["items"][0]["ref"] > page["items"][1]["ref"]
    n = users[LA_SUP].get("/api/v1/notices/DEMO-VN-0001").json
    assert n["full_name"] == "Nguyễn Văn Long" and n["aliases"] == ["Long Sẹo", "Nguyen Long"]
    assert n["birth_date"] == "1985-03-12" and n["issuing_unit"] == "VN-22" and n["links"] == []
    assert users[LA_SUP].get("/api/v1/notices/NOPE").status == 404
    assert users[VN_SUP].get("/api/v1/notices?state=bogus").status == 400


def test_draft_approve_withdraw(users):
    off, sup = users[VN_OFF], users[VN_SUP]
    r = off.post("/api/v1/notices", {"kind": "missing", "full_name": "Lầu Thị Dua", "birth_date": "2009-02",
                                     "sex": "F", "nationality": "VNM", "aliases": ["Lau Thi Dua"],
                                     "sharing": "both", "tlp": "GREEN", "ref": "API-0001"})
    assert r.status == 201, r
    assert r.json["state"] == "draft" and r.json["issuing_unit"] == "VN-22-C9001"
    assert r.json["action"] == "protect_inform"
    assert off.post("/api/v1/notices/API-0001/approve").status == 403
    assert users[LA_SUP].post("/api/v1/notices/API-0001/approve").status == 404
    r = sup.post("/api/v1/notices/API-0001/approve")
    assert r.status == 200 and r.json["state"] == "active" and r.json["approved_by"] == "user:" + VN_SUP
    assert sup.post("/api/v1/notices/API-0001/approve").status == 409
    # Screened at once, by the server's index.
    r = users[LA_CP].post("/api/v1/screen", {"full_name": "LAU THI DUA", "birth_date": "2009-02-11"})
    assert r.json["candidates"][0]["notice"] == "API-0001"
    r = sup.post("/api/v1/notices/API-0001/withdraw", {"reason": "found at home"})
    assert r.status == 200 and r.json["state"] == "withdrawn"
    r = users[LA_CP].post("/api/v1/screen", {"full_name": "LAU THI DUA", "birth_date": "2009-02-11"})
    assert r.json["candidates"] == []
    # Bad drafts change nothing.
    for body, msg in (({"full_name": "A"}, "missing field 'kind'"),
                      ({"kind": "wanted", "full_name": ""}, "full_name is empty"),
                      ({"kind": "wanted", "full_name": "A", "birth_date": "2999"}, "in the future"),
                      ({"kind": "wanted", "full_name": "A", "aliases": "x"}, "aliases"),
                      ({"kind": "wanted", "full_name": "A", "ref": "a/b"}, "ref")):
        r = off.post("/api/v1/notices", body)
        assert r.status == 400 and msg in r.error["message"], (body, r)
    assert users[VN_CP].post("/api/v1/notices", {"kind": "wanted", "full_name": "A"}).status == 403


def test_batch_hits_and_stats(users):
    cp = users[VN_CP]
    csv = ("ref,full_name,birth_date,sex,nationality,document_no\n"
           "T1,Somsak Phommavong,1979-05-05,M,LAO,\n"
           "T2,Bad,1979-13-01,M,LAO,\n"
           "T3,Nguyen Thi Khac,1999-01-01,F,VNM,\n")
    r = cp.request("POST", "/api/v1/screen/batch", raw=csv.encode(), content_type="text/csv")
    assert r.status == 200, r
    res = {x["ref"]: x["hits"] for x in r.json["results"]}
    assert res["T1"][0]["notice"] == "DEMO-LA-0001" and res["T3"] == []
    assert r.json["errors"] == [{"line": 3, "message": r.json["errors"][0]["message"]}]
    assert "not a real date" in r.json["errors"][0]["message"]
    assert (r.json["screened"], r.json["flagged"], r.json["bad"]) == (2, 1, 1)
    assert cp.request("POST", "/api/v1/screen/batch", raw=b"name\nx\n", content_type="text/csv").status == 400
    assert cp.post("/api/v1/screen/batch", {"csv": csv}).status == 415
    r = cp.post("/api/v1/hits", {"notice": "DEMO-LA-0001", "score": 0.93, "why": "name and year",
                                 "action_taken": "informed",
                                 "screened": {"full_name": "Somsak Phommavong", "birth_date": "1979-05-05"}})
    assert r.status == 201, r
    assert r.json["notice_state"] == "active" and r.json["checkpoint"] == "VN-22-C9001"
    assert r.json["notification"]["to"] == "LA-XI" and r.json["notification"]["sent"] is True
    assert r.json["notification"]["message"].startswith("HL-")
    assert cp.post("/api/v1/hits", {"notice": "NOPE"}).status == 404
    assert cp.post("/api/v1/hits", {"notice": "DEMO-LA-0001", "score": 3}).status == 400
    stats = cp.get("/api/v1/checkpoints/stats").json["items"]
    mine = [s for s in stats if s["unit"] == "VN-22-C9001"][0]
    assert mine["persons"] >= 2 and mine["hits"] == 1
    assert cp.get("/api/v1/checkpoints/stats?unit=LA-XI-V0102").status == 403
    assert users[VN_SUP].get("/api/v1/checkpoints/stats?from=2026-02-30").status == 400


def test_batch_takes_a_csv_body(users):
    cp = users[LA_CP]
    csv = "ref,full_name,birth_date\nP1,NGUYEN VAN LONG,1985-03-12\nP2,Nguyen Van Long,1962-07-30\n"
    r = cp.request("POST", "/api/v1/screen/batch?threshold=0.95", raw=csv.encode(), content_type="text/csv")
    assert r.status == 200, r
    res = {x["ref"]: [h["notice"] for h in x["hits"]] for x in r.json["results"]}
    assert res["P1"][:1] == ["DEMO-VN-0001"] and "DEMO-VN-0001" not in res["P2"]
    r = cp.request("POST", "/api/v1/screen/batch?threshold=7", raw=csv.encode(), content_type="text/csv")
    assert r.status == 400
    r = cp.request("POST", "/api/v1/screen/batch", raw=b"ref,full_name\nX,\xff\xfe\n", content_type="text/csv")
    assert r.status == 200 and r.json["bad"] == 1 and "UTF-8" in r.json["errors"][0]["message"]
    # Other routes still take JSON only.
    r = cp.request("POST", "/api/v1/screen", raw=csv.encode(), content_type="text/csv")
    assert r.status == 415


def test_cli_changes_reach_the_running_server(server, users, tmp_path):
    """A notice imported from the command line while the server runs is
    screened by the server at once (the index sees notices_gen move)."""
    from conftest import Redline
    cp = users[LA_CP]
    q = {"full_name": "Thào A Sùng", "birth_date": "1971-09-09"}
    assert cp.post("/api/v1/screen", q).json["candidates"] == []
    f = tmp_path / "n.csv"
    f.write_text("ref,kind,full_name,aliases,birth_date,sex,nationality,document_no\n"
                 "CLI-1,wanted,Thào A Sùng,,1971-09-09,M,VNM,\n")
    Redline(server.db).ok("notice", "import", str(f), "--unit", "VN-22", "--sharing", "both")
    got = cp.post("/api/v1/screen", q).json["candidates"]
    assert [c["notice"] for c in got][:1] == ["CLI-1"]
    Redline(server.db).ok("notice", "withdraw", "CLI-1")
    assert cp.post("/api/v1/screen", q).json["candidates"] == []


def test_notices_expire_after_valid_to(fresh_server):
    import datetime
    sup, cp = signed_in(fresh_server, VN_SUP), signed_in(fresh_server, VN_CP)
    today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date().isoformat()
    r = sup.post("/api/v1/notices", {"kind": "wanted", "full_name": "Lương Văn Hết", "birth_date": "1960",
                                     "valid_to": today, "ref": "EXP-1"})
    assert r.status == 201, r
    assert sup.post("/api/v1/notices/EXP-1/approve").status == 200
    q = {"full_name": "Luong Van Het", "birth_date": "1960-01-01"}
    assert [c["notice"] for c in cp.post("/api/v1/screen", q).json["candidates"]][:1] == ["EXP-1"]
    r = fresh_server.client().post("/api/v1/test/clock", {"advance_ms": 2 * 86400 * 1000})
    assert r.status == 200, r
    # Sessions do not last two days: sign in again.
    sup, cp = signed_in(fresh_server, VN_SUP), signed_in(fresh_server, VN_CP)
    assert sup.get("/api/v1/notices/EXP-1").json["state"] == "expired"
    assert cp.post("/api/v1/screen", q).json["candidates"] == []


def test_link_to_a_case_checks_it(server, users, tmp_path):
    """A link names a case the user may read: an unknown case and one out of
    scope are the same 404, and nothing is stored."""
    import json
    import sqlite3
    from conftest import Redline
    f = tmp_path / "cases.jsonl"
    f.write_text("".join(json.dumps(c) + "\n" for c in [
        {"ref": "API-CASE-1", "country": "VNM", "unit": "VN-22", "category": "drug_trafficking",
         "opened": "2026-01-05", "status": "open"},
        {"ref": "API-CASE-2", "country": "VNM", "unit": "VN-05", "category": "drug_trafficking",
         "opened": "2026-01-05", "status": "open"}]))
    Redline(server.db).ok("case", "import", str(f))
    sup = users[VN_SUP]

    def links():
        con = sqlite3.connect(server.db)
        try:
            return con.execute("select count(*) from notice_links").fetchone()[0]
        finally:
            con.close()

    before = links()
    for body in ({"case": "NO-SUCH"}, {"case": "API-CASE-2"}, {"case": "LAO/API-CASE-1"}):
        r = sup.post("/api/v1/notices/DEMO-VN-0001/links", body)
        assert r.status == 404 and "unknown case" in r.json["error"]["message"], (body, r)
    r = sup.post("/api/v1/notices/NO-SUCH-NOTICE/links", {"case": "API-CASE-1"})
    assert r.status == 404, r
    for body in ({}, {"case": 5}, {"case": ""}):
        assert sup.post("/api/v1/notices/DEMO-VN-0001/links", body).status == 400, body
    # A checkpoint user may see the notice but reads no cases.
    assert users[VN_CP].post("/api/v1/notices/DEMO-VN-0001/links", {"case": "API-CASE-1"}).status in (403, 404)
    assert links() == before
    r = sup.post("/api/v1/notices/DEMO-VN-0001/links", {"case": "API-CASE-1"})
    assert r.status == 201, r
    assert {"kind": "case", "id": "VNM/API-CASE-1"} in r.json["links"]
    assert r.json["ref"] == "DEMO-VN-0001"
    assert sup.post("/api/v1/notices/DEMO-VN-0001/links", {"case": "VNM/API-CASE-1"}).status == 409
    assert {"kind": "case", "id": "VNM/API-CASE-1"} in sup.get("/api/v1/notices/DEMO-VN-0001").json["links"]
    assert links() == before + 1


def test_server_job_sends_a_pending_hit_notification_once(fresh_server):
    """A hit committed without its notification (the process stopped before
    the send) is sent by the server's periodic job once its back-off has
    passed, exactly once, in the name of the user who recorded it."""
    import sqlite3
    import time
    from conftest import Redline
    rl = Redline(fresh_server.db)
    out = rl.ok("screen", "--record-hit", "DEMO-VN-0002", "--unit", "LA-XI-V0102", "--action-taken", "informed")
    assert "pending" in out

    def q(sql, *args):
        con = sqlite3.connect(fresh_server.db, timeout=30)
        try:
            rows = con.execute(sql, args).fetchall()
            con.commit()
            return rows
        finally:
            con.close()

    q("update hits set user_login = ?", "user:" + LA_CP)
    # The back-off after the first failure (a minute) keeps the job off it...
    time.sleep(3)
    assert q("select sent_at from hit_notifications") == [("",)]
    # ...until it has passed.
    r = fresh_server.client().post("/api/v1/test/clock", {"advance_ms": 3 * 60 * 1000})
    assert r.status == 200, r
    for _ in range(60):
        if q("select sent_at from hit_notifications where sent_at != ''"):
            break
        time.sleep(0.5)
    rows = q("select n.message_id, m.sender_unit = h.unit_id, m.priority from hit_notifications n"
             " join hits h on h.id = n.hit_id join messages m on m.id = n.message_id")
    assert len(rows) == 1 and rows[0][1:] == (1, "flash"), rows
    # Later passes send nothing more.
    fresh_server.client().post("/api/v1/test/clock", {"advance_ms": 3 * 60 * 1000})
    time.sleep(4)
    assert q("select count(*) from messages where idem_key = (select id from hits)") == [(1,)]
    assert "hit notification job" not in fresh_server.stderr()
