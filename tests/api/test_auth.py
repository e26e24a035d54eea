"""Signing in and out over the API: cookie and bearer sessions, CSRF,
throttling, expiry (with the fake clock), and the answers to bad
credentials."""
import json

DEMO_PASSWORD = "redline-demo"          # core/account.h ACCOUNT_DEMO_PASSWORD
ACCOUNT_FAILS = 5                       # RL_SIGNIN_ACCOUNT_FAILS
IDLE_MS = 30 * 60 * 1000                # RL_SESSION_IDLE_MS
ABSOLUTE_MS = 12 * 60 * 60 * 1000       # RL_SESSION_ABSOLUTE_MS


def sign_in(c, login="admin", password=DEMO_PASSWORD):
    return c.post("/api/v1/session", {"login": login, "password": password})


def test_sign_in_sets_cookie_and_returns_the_user(client):
    r = sign_in(client)
    assert r.status == 200, r
    b = r.json
    assert b["user"]["login"] == "admin"
    assert "admin" in b["user"]["roles"]
    assert set(b["user"]["unit"]) == {"id", "code", "name_en", "name_local"}
    assert b["user"]["unit"]["code"] == "VN-MPS"
    assert b["user"]["full_name"]
    assert len(b["token"]) == 43 and len(b["csrf_token"]) == 43
    assert b["expires_at"].endswith("Z")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("rl_session=%s;" % b["token"])
    for attr in ("HttpOnly", "SameSite=Strict", "Path=/"):
        assert attr in cookie
    assert "Secure" not in cookie       # plain HTTP in the tests
    assert r.headers["cache-control"] == "no-store"
    me = client.get("/api/v1/me")
    assert me.status == 200
    assert me.json["user"] == b["user"]
    assert me.json["csrf_token"] == b["csrf_token"]


def test_wrong_password_and_unknown_user_look_the_same(client):
    a = sign_in(client, "analyst", "not-the-password")
    b = sign_in(client, "nobody-here", "not-the-password")
    assert a.status == b.status == 401
    assert a.json == b.json
    assert a.error["code"] == "unauthorized"
    assert "set-cookie" not in a.headers


def test_sign_in_input_is_checked(client):
    assert client.post("/api/v1/session", {"login": 1, "password": "x"}).status == 400
    r = client.post("/api/v1/session", {"login": "admin"})
    assert r.status == 400 and r.error["message"] == "missing field 'password'"
    r = client.post("/api/v1/session", raw=b"login=admin&password=x",
                    content_type="application/x-www-form-urlencoded")
    assert r.status == 415


def test_no_or_forged_credentials_are_401(server):
    c = server.client()
    assert c.get("/api/v1/me").status == 401
    c.cookies["rl_session"] = "A" * 43
    r = c.get("/api/v1/me")
    assert r.status == 401 and r.error["code"] == "unauthorized"
    c2 = server.client()
    c2.bearer = "B" * 43
    assert c2.get("/api/v1/me").status == 401
    r = c2.get("/api/v1/me", headers={"Authorization": "Basic YWRtaW46eA=="})
    assert r.status == 401
    # a stale cookie does not stop signing in again
    assert sign_in(c).status == 200


def test_bearer_needs_no_csrf(server):
    r = sign_in(server.client())
    assert r.status == 200, r
    token = r.json["token"]
    c = server.client()
    c.bearer = token
    assert c.get("/api/v1/me").json["user"]["login"] == "admin"
    r = c.delete("/api/v1/session")
    assert r.status == 204
    assert c.get("/api/v1/me").status == 401


def test_cookie_writes_need_the_csrf_token(server):
    c = server.client()
    csrf = sign_in(c).json["csrf_token"]
    r = c.delete("/api/v1/session")
    assert r.status == 403 and r.error["code"] == "forbidden"
    r = c.delete("/api/v1/session", headers={"X-CSRF-Token": "x" * 43})
    assert r.status == 403
    assert c.get("/api/v1/me").status == 200       # reads need none; still signed in
    r = c.delete("/api/v1/session", headers={"X-CSRF-Token": csrf})
    assert r.status == 204
    assert "Max-Age=0" in r.headers["set-cookie"]
    assert "rl_session" not in c.cookies


def test_sign_out_ends_the_session_for_every_client(server):
    c = server.client()
    b = sign_in(c).json
    other = server.client()
    other.bearer = b["token"]
    c.csrf = b["csrf_token"]
    assert c.delete("/api/v1/session").status == 204
    assert other.get("/api/v1/me").status == 401
    assert c.delete("/api/v1/session").status == 401


def test_throttling_answers_429(fresh_server):
    c = fresh_server.client()
    statuses = [sign_in(c, "analyst", "wrong-password").status for _ in range(ACCOUNT_FAILS + 2)]
    assert statuses[0] == 401
    assert statuses[-1] == 429
    r = sign_in(c, "analyst")              # even the right password, while locked
    assert r.status == 429
    assert r.error["code"] == "too_many_requests"
    assert int(r.headers["retry-after"]) > 0
    assert sign_in(c, "admin").status == 200   # another account is not locked


def test_idle_and_absolute_expiry(fresh_server):
    c = fresh_server.client()
    assert c.post("/api/v1/test/clock", {"set": "2025-12-06T08:00:00.000Z"}).status == 200
    assert sign_in(c).status == 200
    c.post("/api/v1/test/clock", {"advance_ms": IDLE_MS - 60000})
    assert c.get("/api/v1/me").status == 200       # used: idle timer restarts
    c.post("/api/v1/test/clock", {"advance_ms": IDLE_MS - 60000})
    assert c.get("/api/v1/me").status == 200
    c.post("/api/v1/test/clock", {"advance_ms": IDLE_MS + 1})
    assert c.get("/api/v1/me").status == 401       # idle too long

    assert sign_in(c).status == 200
    step = IDLE_MS // 2
    ok = 0
    for _ in range(ABSOLUTE_MS // step + 2):       # active all along
        c.post("/api/v1/test/clock", {"advance_ms": step})
        if c.get("/api/v1/me").status != 200:
            break
        ok += 1
    assert ABSOLUTE_MS // step - 1 <= ok <= ABSOLUTE_MS // step, ok  # ends at 12 h however active
    assert c.get("/api/v1/me").status == 401


def test_log_names_the_user_but_no_secret(server):
    c = server.client()
    b = sign_in(c).json
    c.get("/api/v1/me")
    log = server.stderr()
    assert b["token"] not in log and b["csrf_token"] not in log and DEMO_PASSWORD not in log
    lines = [json.loads(l) for l in log.splitlines() if l.startswith("{")]
    assert any(l["path"] == "/api/v1/me" and l.get("user") == "admin" for l in lines)
    assert any(l["path"] == "/api/v1/session" and l["status"] == 200 and l.get("user") == "admin"
               for l in lines)
