"""Need to know over the API: a Lao officer neither lists, reads, changes nor
finds the persons of a Vietnamese case (404, exactly as an unknown case);
a commune officer's list is their commune's; admins see no case files; the
statistics of a commune officer are their commune's and another scope is
refused."""
import json
import os
import subprocess
import urllib.parse

import pytest

from apihelp import BIN, Server

DEMO_PW = "redline-demo"


def case(ref, unit, country="VNM", persons=()):
    return {"ref": ref, "country": country, "unit": unit, "category": "drug_possession",
            "opened": "2025-08-01", "summary": "scope test", "persons": list(persons),
            "seizures": [{"drug": "heroin", "quantity": 2, "unit": "kg"}]}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = str(tmp_path_factory.mktemp("scope"))
    s = Server(tmp)
    lines = [case("VN-C9001-1", "VN-22-C9001",
                  persons=[{"ref": "P1", "full_name": "Lò Văn Sáu", "role": "suspect"}]),
             case("VN-C9002-1", "VN-22-C9002"),
             case("LA-V0101-1", "LA-XI-V0101", "LAO",
                  persons=[{"ref": "P1", "full_name": "ສົມພອນ ໄຊຍະວົງ", "role": "suspect"}])]
    env = dict(os.environ)
    env.pop("REDLINE_DB", None)
    subprocess.run([BIN, "--db", s.db, "case", "import", "-"], check=True, capture_output=True,
                   input="".join(json.dumps(c, ensure_ascii=False) + "\n" for c in lines),
                   text=True, timeout=120, env=env)
    yield s
    s.stop()


def signed_in(server, login):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": DEMO_PW})
    assert r.status == 200, r
    c.csrf = r.json["csrf_token"]
    return c


def refs(client, query=""):
    r = client.get("/api/v1/cases" + query)
    assert r.status == 200, r
    return sorted(c["ref"] for c in r.json["items"])


def test_lao_officer_and_a_vietnamese_case(server):
    lao = signed_in(server, "la-xi-v0101.officer")
    assert refs(lao) == ["LA-V0101-1"]
    assert refs(lao, "?country=VNM") == []
    unknown = lao.get("/api/v1/cases/VNM/NO-SUCH-1")
    r = lao.get("/api/v1/cases/VNM/VN-C9001-1")
    assert r.status == 404 and r.json == unknown.json
    r = lao.request("PATCH", "/api/v1/cases/VNM/VN-C9001-1", body={"status": "closed"})
    assert r.status == 404 and r.json == unknown.json
    r = lao.get("/api/v1/persons?q=" + urllib.parse.quote("lo van sau"))
    assert r.status == 200 and r.json["items"] == []
    r = lao.get("/api/v1/persons?q=" + urllib.parse.quote("ສົມພອນ"))
    assert [p["full_name"] for p in r.json["items"]] == ["ສົມພອນ ໄຊຍະວົງ"]
    # nor remove its persons or seizures
    vn_case = signed_in(server, "vn-22-c9001.officer").get("/api/v1/cases/VNM/VN-C9001-1").json
    pid = vn_case["persons"][0]["person_id"]
    r = lao.delete("/api/v1/cases/VNM/VN-C9001-1/persons/" + pid)
    assert r.status == 404 and r.json == unknown.json, r
    r = lao.get("/api/v1/persons/" + pid)
    assert r.status == 404, r
    # nor can a Lao officer record a Vietnamese case
    r = lao.post("/api/v1/cases", case("LA-X-1", "VN-22-C9001"))
    assert r.status == 404, r
    # the Vietnamese case is untouched
    vn = signed_in(server, "vn-22-c9001.officer")
    assert vn.get("/api/v1/cases/VNM/VN-C9001-1").json["status"] == "open"


def test_commune_officer_and_province_supervisor(server):
    assert refs(signed_in(server, "vn-22-c9001.officer")) == ["VN-C9001-1"]
    assert refs(signed_in(server, "vn-22-c9002.officer")) == ["VN-C9002-1"]
    assert refs(signed_in(server, "vn-22.supervisor")) == ["VN-C9001-1", "VN-C9002-1"]
    assert refs(signed_in(server, "vn-23-c9001.officer")) == []


def test_analyst_reads_admin_sees_nothing(server):
    analyst = signed_in(server, "analyst")
    assert refs(analyst) == ["VN-C9001-1", "VN-C9002-1"]
    r = analyst.request("PATCH", "/api/v1/cases/VNM/VN-C9001-1", body={"status": "closed"})
    assert r.status == 403, r
    assert analyst.get("/api/v1/cases/LAO/LA-V0101-1").status == 404
    admin = signed_in(server, "admin")
    r = admin.get("/api/v1/cases")
    assert r.status == 403 and "officer, supervisor or analyst" in r.error["message"], r
    assert admin.get("/api/v1/cases/VNM/VN-C9001-1").status == 403
    assert admin.get("/api/v1/persons?q=lo").status == 403


def test_statistics_scope(server):
    period = "from=2025-01-01&to=2025-12-31"
    officer = signed_in(server, "vn-22-c9001.officer")
    r = officer.get("/api/v1/reports/stats?" + period)
    assert r.status == 200, r
    assert (r.json["scope"]["unit"], r.json["cases"], r.json["mass_kg"]) == ("VN-22-C9001", 1, 2)
    r = officer.get("/api/v1/reports/stats?%s&by=unit" % period)
    assert [g["key"] for g in r.json["groups"]] == ["VN-22"]
    r = officer.get("/api/v1/reports/stats?%s&unit=LA-XI" % period)
    assert r.status == 403 and "outside your scope" in r.error["message"], r
    assert officer.get("/api/v1/reports/conference?%s&lang=en" % period).status == 403
    supervisor = signed_in(server, "la-xi.supervisor")
    assert supervisor.get("/api/v1/reports/stats?" + period).json["cases"] == 1
    analyst = signed_in(server, "analyst")
    assert analyst.get("/api/v1/reports/stats?" + period).json["cases"] == 3
    assert analyst.get("/api/v1/reports/conference?%s&lang=en" % period).status == 200
