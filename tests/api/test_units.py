"""The directory API: countries, units on a date, the tree, one unit, and
the admin writes, against a real server over the demo database."""
import pytest


def signed_in(server, login="admin"):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": "redline-demo"})
    if r.status == 404:
        pytest.skip("sign-in (POST /api/v1/session) is not in the router yet")
    assert r.status == 200, r
    c.bearer = r.json["token"]
    return c


@pytest.fixture(scope="module")
def admin(server):
    return signed_in(server)


ROUTES = [
    ("GET", "/api/v1/countries"), ("GET", "/api/v1/units"), ("GET", "/api/v1/units/tree"),
    ("GET", "/api/v1/units/VN-22"), ("POST", "/api/v1/units"), ("PATCH", "/api/v1/units/VN-22"),
    ("POST", "/api/v1/units/VN-22/contacts"), ("DELETE", "/api/v1/units/VN-22/contacts/X"),
    ("POST", "/api/v1/units/VN-22/counterparts"), ("POST", "/api/v1/units/merge"),
]


@pytest.mark.parametrize("method,path", ROUTES)
def test_directory_needs_sign_in(client, method, path):
    r = client.request(method, path, body={} if method in ("POST", "PATCH") else None)
    assert r.status == 401, r
    assert r.error["code"] == "unauthorized"


def test_countries_with_levels(admin):
    items = admin.get("/api/v1/countries").json["items"]
    by = {c["code"]: c for c in items}
    assert by["LAO"]["ministry_local"] == "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ"
    assert [l["key"] for l in by["LAO"]["levels"]] == ["ministry", "province", "district", "village"]
    vn_district = [l for l in by["VNM"]["levels"] if l["rank"] == 2][0]
    assert vn_district["valid_to"] == "2025-06-30"


def test_unit_json_shape(admin):
    u = admin.get("/api/v1/units/VN-22-C9001?on=2025-12-01").json
    for k in ("id", "code", "country", "level", "parent", "name_local", "name_en", "name_other",
              "border", "border_from", "valid_from", "valid_to", "successor", "demo", "contacts",
              "counterparts", "children", "history"):
        assert k in u, k
    assert u["parent"] == {"code": "VN-22", "name_en": "Nghe An", "name_local": "Nghệ An"}
    assert u["level"] == "commune" and u["demo"] is True and u["valid_from"] == "2025-07-01"
    assert {c["kind"] for c in u["contacts"]} == {"phone", "radio", "email", "hours"}
    cps = {c["code"]: c for c in u["counterparts"]}
    assert cps["LA-XI-V0101"]["level"] == "village" and cps["LA-XI-V0101"]["country"] == "LAO"
    assert u["history"][0]["valid_from"] == "2025-07-01"


def test_unit_on_a_past_date(admin):
    u = admin.get("/api/v1/units/VN-24?on=2023-01-01").json
    assert u["exists"] and u["valid_to"] == "2025-06-30" and u["successor"] == "VN-25"
    assert "VN-24-D01" in [c["code"] for c in u["children"]]
    u = admin.get("/api/v1/units/VN-26?on=2024-01-01").json
    assert u["name_en"] == "Thua Thien Hue"
    assert [h["name_en"] for h in u["history"]] == ["Thua Thien Hue", "Hue"]


def test_unknown_unit_and_bad_dates(admin):
    r = admin.get("/api/v1/units/NOPE")
    assert r.status == 404 and "unknown unit 'NOPE'" in r.error["message"]
    r = admin.get("/api/v1/units/VN-22?on=2025-02-30")
    assert r.status == 400
    r = admin.get("/api/v1/units?on=yesterday")
    assert r.status == 400


def test_list_filters_and_paging(admin):
    r = admin.get("/api/v1/units?country=LAO&level=province&limit=5").json
    assert len(r["items"]) == 5 and r["next_cursor"] == r["items"][-1]["code"]
    seen = [u["code"] for u in r["items"]]
    for _ in range(10):
        if not r["next_cursor"]:
            break
        r = admin.get("/api/v1/units?country=LAO&level=province&limit=5&cursor=" + r["next_cursor"]).json
        seen += [u["code"] for u in r["items"]]
    assert len(seen) == 12 and seen == sorted(seen) and len(set(seen)) == 12
    q = admin.get("/api/v1/units?q=nam%20can&on=2025-12-01").json["items"]
    assert "VN-22-C9001" in [u["code"] for u in q]
    q = admin.get("/api/v1/units?q=nam%20can&on=2024-01-01").json["items"]
    assert "VN-22-C0101" in [u["code"] for u in q] and "VN-22-C9001" not in [u["code"] for u in q]
    assert admin.get("/api/v1/units?level=hamlet").status == 400
    assert admin.get("/api/v1/units?border=maybe").status == 400


def test_tree_on_dates(admin):
    def provinces(on):
        t = admin.get("/api/v1/units/tree?country=VNM&on=" + on).json
        assert t["on"] == on and len(t["roots"]) == 1 and t["roots"][0]["code"] == "VN-MPS"
        return {p["code"]: p for p in t["roots"][0]["children"]}
    old = provinces("2023-01-01")
    assert {"VN-24", "VN-27", "VN-28"} <= set(old)
    assert [d["level"] for d in old["VN-22"]["children"]] == ["district"]
    assert not old["VN-29"]["border"]
    new = provinces("2025-12-01")
    assert not {"VN-24", "VN-27", "VN-28"} & set(new)
    assert new["VN-29"]["border"] and new["VN-DN"]["border"]
    assert {c["level"] for c in new["VN-22"]["children"]} == {"commune"}


def test_admin_writes(admin):
    r = admin.post("/api/v1/units", {"code": "LA-XI-V0199", "country": "LAO", "level": "village",
                                     "parent": "LA-XI-D01", "name_local": "ບ້ານທົດລອງ",
                                     "name_en": "Ban Test", "border": True})
    assert r.status == 201, r
    assert r.json["parent"]["code"] == "LA-XI-D01" and r.json["border"]
    r = admin.post("/api/v1/units", {"code": "LA-XI-V0199", "country": "LAO", "level": 3,
                                     "parent": "LA-XI-D01", "name_local": "x", "name_en": "x"})
    assert r.status == 409
    r = admin.request("PATCH", "/api/v1/units/LA-XI-V0199", body={"name_en": "Ban Test 2", "from": "2030-01-01"})
    assert r.status == 200, r
    assert admin.get("/api/v1/units/LA-XI-V0199?on=2030-01-02").json["name_en"] == "Ban Test 2"
    assert admin.get("/api/v1/units/LA-XI-V0199?on=2029-12-31").json["name_en"] == "Ban Test"
    r = admin.post("/api/v1/units/LA-XI-V0199/contacts", {"kind": "radio", "value": "XK-T-1"})
    assert r.status == 201 and r.json["kind"] == "radio"
    cid = r.json["id"]
    assert admin.delete("/api/v1/units/LA-XI-V0199/contacts/" + cid).status == 204
    assert admin.delete("/api/v1/units/LA-XI-V0199/contacts/" + cid).status == 404
    r = admin.post("/api/v1/units/LA-XI-V0199/counterparts", {"code": "VN-22-C9002"})
    assert r.status == 201 and "VN-22-C9002" in [c["code"] for c in r.json["counterparts"]]
    r = admin.post("/api/v1/units/LA-XI-V0199/counterparts", {"code": "LA-XI-V0101"})
    assert r.status == 400 and "different countries" in r.error["message"]


def test_merge_endpoint(admin):
    r = admin.post("/api/v1/units/merge", {"units": ["LA-HO-D01"], "into": "LA-HO-D02", "on": "2031-01-01"})
    assert r.status == 200, r
    assert r.json["code"] == "LA-HO-D02"
    old = admin.get("/api/v1/units/LA-HO-D01?on=2030-06-01").json
    assert old["valid_to"] == "2030-12-31" and old["successor"] == "LA-HO-D02"
    r = admin.post("/api/v1/units/merge", {"units": [1], "into": "LA-HO-D02", "on": "2031-01-01"})
    assert r.status == 400


def test_bad_write_bodies(admin):
    r = admin.post("/api/v1/units", {"code": "VN-22-C9300", "country": "VNM", "level": "commune",
                                     "parent": "VN-22", "name_local": "x" * 201, "name_en": "x"})
    assert r.status == 413 and "name_local" in r.error["message"]
    r = admin.post("/api/v1/units", {"code": "VN-22-C9300", "country": "VNM", "level": "commune",
                                     "parent": "LA-XI", "name_local": "x", "name_en": "x"})
    assert r.status == 400 and "is in LAO" in r.error["message"]
    r = admin.post("/api/v1/units", {"code": "VN-22-C9300", "country": "VNM", "level": [],
                                     "name_local": "x", "name_en": "x"})
    assert r.status == 400 and "level" in r.error["message"]
    r = admin.request("PATCH", "/api/v1/units/VN-22", body={"border": "yes"})
    assert r.status == 400 and "border" in r.error["message"]
    r = admin.request("PATCH", "/api/v1/units/VN-22", body={})
    assert r.status == 400 and "nothing to change" in r.error["message"]
    r = admin.post("/api/v1/units/VN-22/contacts", {"kind": "fax", "value": "1"})
    assert r.status == 400


def test_officer_may_read_not_write(server):
    c = signed_in(server, "vn-22-c9001.officer")
    assert c.get("/api/v1/units/VN-22").status == 200
    r = c.request("PATCH", "/api/v1/units/VN-22", body={"name_en": "X"})
    assert r.status == 403
