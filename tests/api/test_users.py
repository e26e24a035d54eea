"""The users API: listing with filters and cursor paging, adding, showing,
patching, password resets and changes; admin-only except one's own account
and password; nothing changes on bad input; passwords never echoed."""
import pytest

DEMO_PW = "redline-demo"
NEW_PW = "a brand new passphrase"


def signed_in(server, login, password=DEMO_PW):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": password})
    if r.status == 404:
        pytest.skip("the sign-in route is not in this build yet")
    assert r.status == 200, r
    c.csrf = r.json["csrf_token"]
    return c


@pytest.fixture(scope="module")
def admin(server):
    return signed_in(server, "admin")


@pytest.fixture(scope="module")
def officer(server):
    return signed_in(server, "vn-22-c9001.officer")


def test_list_is_admin_only(admin, officer):
    r = admin.get("/api/v1/users?limit=500")
    assert r.status == 200
    logins = [u["login"] for u in r.json["items"]]
    assert "admin" in logins and "la-xi.supervisor" in logins
    assert logins == sorted(logins)
    u = next(u for u in r.json["items"] if u["login"] == "la-xi.supervisor")
    assert set(u) == {"id", "login", "full_name", "unit", "roles", "disabled", "created_at"}
    assert u["unit"]["code"] == "LA-XI" and u["roles"] == ["officer", "supervisor"]
    assert u["disabled"] is False
    assert "password" not in r.body.decode() and "argon2" not in r.body.decode()
    r = officer.get("/api/v1/users")
    assert r.status == 403


def test_list_filters_and_paging(admin):
    r = admin.get("/api/v1/users?role=checkpoint")
    assert sorted(u["login"] for u in r.json["items"]) == ["la-xi-v0102.checkpoint", "vn-22-c9001.checkpoint"]
    r = admin.get("/api/v1/users?unit=LA-XI")
    assert [u["login"] for u in r.json["items"]] == ["la-xi.supervisor"]
    seen, cursor = [], None
    for _ in range(100):
        r = admin.get("/api/v1/users?limit=7" + ("&cursor=" + cursor if cursor else ""))
        assert r.status == 200 and len(r.json["items"]) <= 7
        seen += [u["login"] for u in r.json["items"]]
        cursor = r.json["next_cursor"]
        if cursor is None:
            break
    everything = [u["login"] for u in admin.get("/api/v1/users?limit=500").json["items"]]
    assert seen == everything
    for bad in ("role=chief", "disabled=maybe", "limit=0", "limit=501", "cursor=NOT%20A%20LOGIN"):
        r = admin.get("/api/v1/users?" + bad)
        assert r.status == 400, bad
    assert admin.get("/api/v1/users?unit=VN-NOPE").status == 404


def test_create_get_patch(admin, server):
    body = {"login": "api.user", "full_name": "Bùi Văn Khánh", "unit": "VN-22",
            "roles": ["officer"], "password": NEW_PW}
    r = admin.post("/api/v1/users", body)
    assert r.status == 201, r
    assert r.json["login"] == "api.user" and r.json["unit"]["code"] == "VN-22"
    assert NEW_PW not in r.body.decode()
    assert admin.post("/api/v1/users", body).status == 409
    r = admin.get("/api/v1/users/api.user")
    assert r.status == 200 and r.json["full_name"] == "Bùi Văn Khánh"
    r = admin.request("PATCH", "/api/v1/users/api.user",
                      body={"full_name": "Đỗ Thị Lan", "roles": ["officer", "supervisor"], "unit": "VN-22-C9001"})
    assert r.status == 200, r
    assert r.json["full_name"] == "Đỗ Thị Lan" and r.json["roles"] == ["officer", "supervisor"]
    assert r.json["unit"]["code"] == "VN-22-C9001"
    # The new user signs in and sees only themselves.
    me = signed_in(server, "api.user", NEW_PW)
    assert me.get("/api/v1/users/api.user").status == 200
    assert me.get("/api/v1/users/admin").status == 404
    assert me.request("PATCH", "/api/v1/users/api.user", body={"roles": ["admin"]}).status == 403
    # Disabling ends their session.
    r = admin.request("PATCH", "/api/v1/users/api.user", body={"disabled": True})
    assert r.status == 200 and r.json["disabled"] is True
    assert me.get("/api/v1/users/api.user").status == 401


def test_bad_input_changes_nothing(admin):
    good = {"login": "bad.one", "full_name": "X", "unit": "VN-22", "roles": ["officer"], "password": NEW_PW}
    cases = [
        (dict(login="Bad One"), 400), (dict(login="a" * 65), 413), (dict(login=5), 400),
        (dict(unit="VN-NOPE"), 404), (dict(roles=["chief"]), 400), (dict(roles=[]), 400),
        (dict(roles="officer"), 400), (dict(password="short"), 400), (dict(full_name=""), 400),
        (dict(password="x" * 2000), 413),
    ]
    for change, status in cases:
        b = dict(good)
        b.update(change)
        r = admin.post("/api/v1/users", b)
        assert r.status == status, (change, r)
        assert NEW_PW not in r.body.decode()
    for field in good:
        b = dict(good)
        del b[field]
        assert admin.post("/api/v1/users", b).status == 400, field
    assert admin.get("/api/v1/users/bad.one").status == 404
    for patch in ({}, {"roles": []}, {"unit": "VN-NOPE"}, {"nickname": "x"}, {"disabled": "yes"},
                  {"full_name": "ok name", "roles": ["chief"]}):
        r = admin.request("PATCH", "/api/v1/users/analyst", body=patch)
        assert r.status in (400, 404), (patch, r)
    r = admin.get("/api/v1/users/analyst")
    assert r.json["full_name"] != "ok name" and r.json["roles"] == ["analyst"]
    assert admin.request("PATCH", "/api/v1/users/nobody", body={"disabled": True}).status == 404
    # Admins cannot lock themselves out.
    assert admin.request("PATCH", "/api/v1/users/admin", body={"disabled": True}).status == 409
    assert admin.request("PATCH", "/api/v1/users/admin", body={"roles": ["officer"]}).status == 409


def test_passwords(server, admin):
    admin.post("/api/v1/users", {"login": "pw.user", "full_name": "P", "unit": "VN-22",
                                 "roles": ["officer"], "password": NEW_PW})
    me = signed_in(server, "pw.user", NEW_PW)
    other = signed_in(server, "pw.user", NEW_PW)
    # Own change needs the old password.
    r = me.post("/api/v1/users/pw.user/password", {"password": "changed by me 1"})
    assert r.status == 400
    r = me.post("/api/v1/users/pw.user/password", {"password": "changed by me 1", "old_password": "wrong one!"})
    assert r.status == 401
    r = me.post("/api/v1/users/pw.user/password", {"password": "changed by me 1", "old_password": NEW_PW})
    assert r.status == 204
    # This session survives, the other one ended.
    assert me.get("/api/v1/users/pw.user").status == 200
    assert other.get("/api/v1/users/pw.user").status == 401
    # Users cannot reset others' passwords.
    assert me.post("/api/v1/users/admin/password", {"password": "hijacked pass"}).status == 404
    # Admins reset it; the user's sessions end; the new one works.
    assert admin.post("/api/v1/users/pw.user/password", {"password": "short"}).status == 400
    assert admin.post("/api/v1/users/pw.user/password", {"password": "reset by admin"}).status == 204
    assert me.get("/api/v1/users/pw.user").status == 401
    signed_in(server, "pw.user", "reset by admin")
    r = server.client().post("/api/v1/session", {"login": "pw.user", "password": "changed by me 1"})
    assert r.status == 401
    audit = open(server.db, "rb").read()
    for secret in (b"reset by admin", b"changed by me 1", NEW_PW.encode()):
        assert secret not in audit
