"""The cases API: adding, listing with filters and paging, detail, editing,
bad input refused without changes, scope (out of scope answers 404), JSON
Lines imports all or nothing, person search in any script, and statistics
equal to the seed figures after importing the generated demo cases."""
import json
import os
import subprocess
import urllib.parse

import pytest

from apihelp import BIN, Server

DEMO_PW = "redline-demo"
PERIOD = "from=2021-07-01&to=2024-06-30"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A demo node holding the generated cases (imported with the CLI, as
    scripts/run-demo does)."""
    tmp = str(tmp_path_factory.mktemp("cases"))
    s = Server(tmp)
    gen = os.path.join(tmp, "cases.jsonl")
    env = dict(os.environ)
    env.pop("REDLINE_DB", None)
    subprocess.run([BIN, "case", "generate", "--seed", "1", "--out", gen], check=True,
                   capture_output=True, timeout=300, env=env)
    subprocess.run([BIN, "--db", s.db, "case", "import", gen], check=True,
                   capture_output=True, timeout=600, env=env)
    yield s
    s.stop()


def signed_in(server, login):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": DEMO_PW})
    assert r.status == 200, r
    c.csrf = r.json["csrf_token"]
    return c


@pytest.fixture(scope="module")
def analyst(server):
    return signed_in(server, "analyst")


@pytest.fixture(scope="module")
def officer(server):
    return signed_in(server, "vn-22-c9001.officer")


@pytest.fixture(scope="module")
def other_officer(server):
    return signed_in(server, "vn-23-c9001.officer")


@pytest.fixture(scope="module")
def supervisor(server):
    return signed_in(server, "vn-22.supervisor")


def new_case(ref, **over):
    c = {"ref": ref, "country": "VNM", "unit": "VN-22-C9001", "category": "drug_trafficking",
         "opened": "2025-09-01", "summary": "Km 12, Nậm Cắn",
         "persons": [{"ref": "P1", "full_name": "Lò Văn Sáu", "birth_date": "1990", "sex": "M",
                      "nationality": "VNM", "role": "arrested"},
                     {"ref": "P2", "full_name": "ສົມພອນ ໄຊຍະວົງ", "sex": "M",
                      "nationality": "LAO", "role": "suspect"}],
         "seizures": [{"drug": "methamphetamine_tablets", "quantity": 2000, "unit": "tablet"},
                      {"drug": "heroin", "quantity": 1.25, "unit": "kg"}]}
    c.update(over)
    return c


def test_stats_equal_the_seed_figures(analyst):
    r = analyst.get("/api/v1/reports/stats?%s&country=VNM&border_only=true" % PERIOD)
    assert r.status == 200, r
    j = r.json
    assert (j["cases"], j["suspects"], j["tablets"], j["plants"]) == (14131, 19961, 3000000, 3448)
    assert round(j["mass_kg"]) == 1910
    r = analyst.get("/api/v1/reports/stats?%s&country=LAO&category=drugs" % PERIOD)
    assert r.status == 200, r
    assert (r.json["cases"], r.json["suspects"], r.json["foreign_suspects"]) == (15859, 23458, 560)


def test_stats_groups_sum_to_the_total(analyst):
    r = analyst.get("/api/v1/reports/stats?%s&country=VNM&border_only=true&by=month" % PERIOD)
    assert r.status == 200, r
    groups = r.json["groups"]
    assert len(groups) == 36 and groups[0]["key"] == "2021-07"
    assert sum(g["cases"] for g in groups) == 14131
    r = analyst.get("/api/v1/reports/stats?%s&by=unit&border_only=true" % PERIOD)
    keys = {g["key"] for g in r.json["groups"]}
    assert any(k.startswith("VN-") for k in keys) and any(k.startswith("LA-") for k in keys)


def test_stats_bad_query(analyst, officer):
    assert analyst.get("/api/v1/reports/stats?from=2021-07-01").status == 400
    r = analyst.get("/api/v1/reports/stats?%s&by=planet" % PERIOD)
    assert r.status == 400 and "grouping" in r.error["message"]
    assert analyst.get("/api/v1/reports/stats?%s&border_only=maybe" % PERIOD).status == 400
    assert analyst.get("/api/v1/reports/stats?from=2021-13-01&to=2024-06-30").status == 400
    # A commune officer's statistics are their commune's; another scope is refused.
    r = officer.get("/api/v1/reports/stats?%s" % PERIOD)
    assert r.status == 200 and r.json["scope"]["unit"] == "VN-22-C9001", r
    assert r.json["cases"] == 0
    r = officer.get("/api/v1/reports/stats?%s&country=LAO" % PERIOD)
    assert r.status == 403 and "outside your scope" in r.error["message"], r


def test_downloads(analyst):
    r = analyst.get("/api/v1/reports/stats.csv?%s&country=VNM&border_only=true&by=month" % PERIOD)
    assert r.status == 200, r
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="redline-stats-2021-07-01-2024-06-30.csv"' in r.headers["content-disposition"]
    lines = r.body.decode().splitlines()
    assert lines[0].startswith("key,label,cases,suspects")
    assert lines[1].startswith("2021-07,")
    assert ",14131,19961," in lines[-1]
    r = analyst.get("/api/v1/reports/conference?%s&lang=fr&format=html" % PERIOD)
    assert r.status == 200, r
    assert r.headers["content-type"].startswith("text/html")
    assert "attachment" in r.headers["content-disposition"]
    text = r.body.decode()
    assert "14\u202f131" in text and "19\u202f961" in text
    r = analyst.get("/api/v1/reports/conference?%s&lang=vi&format=text" % PERIOD)
    assert r.status == 200 and "14.131" in r.body.decode()
    assert analyst.get("/api/v1/reports/conference?%s&lang=xx" % PERIOD).status == 400
    assert analyst.get("/api/v1/reports/conference?%s&format=pdf" % PERIOD).status == 400


def test_vocab(analyst):
    r = analyst.get("/api/v1/vocab?lang=fr")
    assert r.status == 200, r
    j = r.json
    assert j["lang"] == "fr"
    drugs = {d["code"]: d for d in j["drugs"]}
    assert drugs["opium_poppy"]["units"] == ["plant"]
    assert set(drugs["heroin"]["labels"]) == {"vi", "lo", "en", "fr"}
    assert {s["code"] for s in j["statuses"]} >= {"open", "closed"}
    assert analyst.get("/api/v1/vocab?lang=de").status == 400


def test_create_detail_list_edit(officer, supervisor, analyst, other_officer):
    r = officer.post("/api/v1/cases", new_case("VN-22-C9001-2025-0001"))
    assert r.status == 201, r
    assert r.headers["location"] == "/api/v1/cases/VNM/VN-22-C9001-2025-0001"
    j = r.json
    assert j["suspects"] == 2 and j["foreign_suspects"] == 1
    assert {p["full_name"] for p in j["persons"]} == {"Lò Văn Sáu", "ສົມພອນ ໄຊຍະວົງ"}
    assert {(s["drug"], s["quantity"], s["unit"]) for s in j["seizures"]} == \
        {("methamphetamine_tablets", "2000", "tablet"), ("heroin", "1.25", "kg")}

    # The same ref again: a conflict.
    assert officer.post("/api/v1/cases", new_case("VN-22-C9001-2025-0001")).status == 409

    # Detail, for the officer, the province supervisor and the ministry analyst.
    for c in (officer, supervisor, analyst):
        r = c.get("/api/v1/cases/VNM/VN-22-C9001-2025-0001")
        assert r.status == 200, r
        assert r.json["summary"] == "Km 12, Nậm Cắn"
    # Another commune's officer: as if it did not exist.
    r = other_officer.get("/api/v1/cases/VNM/VN-22-C9001-2025-0001")
    assert r.status == 404 and r.json == other_officer.get("/api/v1/cases/VNM/NO-SUCH").json

    # The officer's list holds their unit's cases only.
    r = officer.get("/api/v1/cases")
    assert r.status == 200, r
    refs = [c["ref"] for c in r.json["items"]]
    assert "VN-22-C9001-2025-0001" in refs
    assert all(c["unit"] == "VN-22-C9001" for c in r.json["items"])
    assert other_officer.get("/api/v1/cases?q=C9001-2025").json["items"] == []
    # q finds by summary without diacritics.
    r = supervisor.get("/api/v1/cases?q=nam%20can")
    assert [c["ref"] for c in r.json["items"]] == ["VN-22-C9001-2025-0001"]

    # Edit: status and a seizure added; the analyst may read but not change.
    r = analyst.request("PATCH", "/api/v1/cases/VNM/VN-22-C9001-2025-0001", body={"status": "closed"})
    assert r.status == 403, r
    r = other_officer.request("PATCH", "/api/v1/cases/VNM/VN-22-C9001-2025-0001", body={"status": "closed"})
    assert r.status == 404, r
    r = officer.request("PATCH", "/api/v1/cases/VNM/VN-22-C9001-2025-0001",
                        body={"status": "under_investigation", "place_text": "Km 14",
                              "add_seizures": [{"drug": "opium_poppy", "quantity": 30, "unit": "plant"}],
                              "add_persons": [{"ref": "P3", "full_name": "Vi Thị Hoa",
                                               "role": "witness"}]})
    assert r.status == 200, r
    j = r.json
    assert j["status"] == "under_investigation" and j["place_text"] == "Km 14"
    assert len(j["seizures"]) == 3 and len(j["persons"]) == 3
    assert j["suspects"] == 2  # a witness is not a suspect


@pytest.mark.parametrize("over, words", [
    ({"unit": "VN-99-X"}, "unknown unit"),
    ({"opened": "1990-01-01"}, "VN-22-C9001"),
    ({"seizures": [{"drug": "heroin", "quantity": -1, "unit": "kg"}]}, "quantity"),
    ({"seizures": [{"drug": "moonshine", "quantity": 1, "unit": "kg"}]}, "moonshine"),
    ({"category": "jaywalking"}, "jaywalking"),
    ({"persons": [{"full_name": "Lò Văn Bảy", "birth_date": "2999-01-01", "role": "suspect"}]},
     "birth"),
    ({"persons": [{"role": "suspect", "sex": "M"}]}, "name"),
    ({"opened": 20250901}, "opened"),
    ({"persons": "Lò Văn Sáu"}, "persons"),
    ({"colour": "red"}, "colour"),
])
def test_bad_cases_are_refused(officer, over, words):
    ref = "VN-22-C9001-BAD-%d" % abs(hash(words) % 10000)
    r = officer.post("/api/v1/cases", new_case(ref, **over))
    assert r.status == 400, r
    assert words in r.error["message"], r.error
    assert officer.get("/api/v1/cases/VNM/" + ref).status == 404


def test_create_out_of_scope_and_roles(officer, analyst):
    # Another unit's case: the unit exists but is not the officer's.
    r = officer.post("/api/v1/cases", new_case("VN-23-X-1", unit="VN-23-C9001"))
    assert r.status == 404, r
    assert analyst.post("/api/v1/cases", new_case("VN-MPS-X-1", unit="VN-MPS")).status == 403
    assert officer.post("/api/v1/cases", raw=b"[1,2]").status == 400


def test_bad_edits_change_nothing(officer):
    ref = "VN-22-C9001-2025-0002"
    assert officer.post("/api/v1/cases", new_case(ref)).status == 201
    path = "/api/v1/cases/VNM/" + ref
    before = officer.get(path).json
    for body, words in [({"status": "lost"}, "status"),
                        ({"status": "closed", "add_seizures": [{"drug": "heroin", "quantity": 0,
                                                                "unit": "plant"}]}, "heroin"),
                        ({"category": 3}, "category"),
                        ({"mood": "good"}, "mood"),
                        ({}, "nothing")]:
        r = officer.request("PATCH", path, body=body)
        assert r.status == 400, (body, r)
        assert words in r.error["message"], r.error
    assert officer.get(path).json == before


def test_paging(supervisor):
    seen, cursor = [], None
    for _ in range(5):
        r = supervisor.get("/api/v1/cases?country=VNM&from=2022-01-01&to=2022-01-31&limit=7" +
                           ("&cursor=" + cursor if cursor else ""))
        assert r.status == 200, r
        seen += [(c["opened"], c["ref"]) for c in r.json["items"]]
        cursor = r.json["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) and seen == sorted(seen)
    assert len(seen) == 35
    assert all(c.startswith("VN-22") for _, c in seen)
    assert supervisor.get("/api/v1/cases?cursor=garbage").status == 400
    assert supervisor.get("/api/v1/cases?from=yesterday").status == 400


def test_person_search_any_script(analyst, officer):
    assert officer.post("/api/v1/cases", new_case("VN-22-C9001-2025-0003")).status == 201
    # (A query as broad as "LO VAN" matches more than the 200 persons a
    # search answers with in the demo data: test_person_search_ranks.)
    for q in ("Lò Văn Sáu", "lo van sau", "LO VAN SAU", "ສົມພອນ"):
        r = analyst.get("/api/v1/persons?q=" + urllib.parse.quote(q))
        assert r.status == 200, r
        names = {p["full_name"] for p in r.json["items"]}
        assert names & {"Lò Văn Sáu", "ສົມພອນ ໄຊຍະວົງ"}, (q, names)
    assert analyst.get("/api/v1/persons").status == 400


def test_person_search_ranks_exact_then_prefix_then_newest(analyst, officer, supervisor):
    """A broad query matches more persons than a page: the exact name
    first, then names starting with the query, then the rest, newest first
    within each (issue #5)."""
    def person(name):
        return {"ref": "P1", "full_name": name, "birth_date": "1990", "sex": "M",
                "nationality": "VNM", "role": "suspect"}
    for ref, name in (("VN-22-C9001-2025-0201", "Lò Văn Sáu"), ("VN-22-C9001-2025-0202", "Lò Văn Sáu Nhỏ"),
                      ("VN-22-C9001-2025-0203", "Hà Lò Văn Sáu")):
        r = officer.post("/api/v1/cases", new_case(ref, persons=[person(name)], seizures=[]))
        assert r.status == 201, r

    def tier(name, q):
        f = name.lower().replace("ò", "o").replace("ă", "a").replace("á", "a").replace("ỏ", "o")
        return 0 if f == q else 1 if f.startswith(q) else 2

    for who in (analyst, supervisor, officer):   # a country, a province, a commune
        for q in ("LO VAN SAU", "lò văn sáu"):
            items = who.get("/api/v1/persons?q=" + urllib.parse.quote(q)).json["items"]
            names = [p["full_name"] for p in items]
            assert names[0] == "Lò Văn Sáu", (q, names)
            assert "Lò Văn Sáu Nhỏ" in names and "Hà Lò Văn Sáu" in names, names
            assert names.index("Lò Văn Sáu Nhỏ") < names.index("Hà Lò Văn Sáu"), names
            keys = [(tier(p["full_name"], "lo van sau"), [-ord(ch) for ch in p["id"]]) for p in items]
            assert keys == sorted(keys), names
    # More than a page of the demo's persons start with "Lò Văn": the newest
    # come first (the oldest 200 used to hide those just added), and a name
    # only containing it gives way to them.
    items = analyst.get("/api/v1/persons?q=" + urllib.parse.quote("Lò Văn")).json["items"]
    assert len(items) == 200
    names = [p["full_name"] for p in items]
    assert names[0] == "Lò Văn Sáu Nhỏ" and "Lò Văn Sáu" in names[:3], names[:5]
    assert "Hà Lò Văn Sáu" not in names
    assert all(n.startswith("Lò Văn") for n in names)
    ids = [p["id"] for p in items]
    assert ids == sorted(ids, reverse=True)


def test_duplicates_and_merge(supervisor, officer):
    r = supervisor.get("/api/v1/persons/duplicates?min_score=100")
    assert r.status == 200, r
    pair = r.json["items"][0]
    assert pair["score"] == 100 and pair["a"] != pair["b"]
    assert officer.get("/api/v1/persons/duplicates").status == 403
    r = supervisor.post("/api/v1/persons/merge", {"survivor": pair["a"], "merged": pair["b"]})
    assert r.status == 200, r
    mid = r.json["merge_id"]
    assert supervisor.post("/api/v1/persons/unmerge", {"merge_id": mid}).status == 204
    assert supervisor.post("/api/v1/persons/unmerge", {"merge_id": mid}).status == 409
    assert supervisor.post("/api/v1/persons/merge", {"survivor": pair["a"]}).status == 400


def test_import_jsonl(officer, supervisor):
    good = ('{"ref":"IMP-1","country":"VNM","unit":"VN-22-C9001","category":"drug_possession",'
            '"opened":"2025-09-02"}\n')
    bad = ('{"ref":"IMP-2","country":"VNM","unit":"VN-22-C9001","category":"drug_possession",'
           '"opened":"2025-09-02","seizures":[{"drug":"heroin","quantity":-2,"unit":"g"}]}\n')
    r = officer.post("/api/v1/cases/import", raw=(good + bad).encode(),
                     content_type="application/x-ndjson")
    assert r.status == 400, r
    assert r.json["rejected"] == 1 and r.json["imported"] == 0, r.json
    assert r.json["errors"][0]["where"].endswith("2")
    assert officer.get("/api/v1/cases/VNM/IMP-1").status == 404
    r = officer.post("/api/v1/cases/import", raw=(good + bad).encode(),
                     content_type="application/x-ndjson")
    r = officer.post("/api/v1/cases/import?skip_bad=true", raw=(good + bad).encode(),
                     content_type="application/x-ndjson")
    assert r.status == 200, r
    assert (r.json["imported"], r.json["rejected"]) == (1, 1)
    r = officer.post("/api/v1/cases/import", raw=good.encode(), content_type="application/x-ndjson")
    assert (r.status, r.json["imported"], r.json["present"]) == (200, 0, 1)
    assert officer.get("/api/v1/cases/VNM/IMP-1").status == 200
    # A line for another unit: the officer may not record it; nothing stored.
    other = good.replace("IMP-1", "IMP-3").replace("VN-22-C9001", "VN-23-C9001")
    r = officer.post("/api/v1/cases/import", raw=(good.replace("IMP-1", "IMP-4") + other).encode(),
                     content_type="application/x-ndjson")
    assert r.status == 400 and r.json["imported"] == 0, r
    assert r.json["errors"][0]["where"] == "line 2"
    assert "not one whose cases you may record" in r.json["errors"][0]["message"]
    assert officer.get("/api/v1/cases/VNM/IMP-4").status == 404
    # The province supervisor may record for the commune below.
    r = supervisor.post("/api/v1/cases/import", raw=other.encode(), content_type="application/x-ndjson")
    assert r.status == 400 and r.json["rejected"] == 1, r  # VN-23 is not under VN-22
    r = supervisor.post("/api/v1/cases/import", raw=good.replace("IMP-1", "IMP-5").encode(),
                        content_type="application/x-ndjson")
    assert (r.status, r.json["imported"]) == (200, 1), r
    # JSON is not JSON Lines, and an empty body is refused.
    assert officer.post("/api/v1/cases/import", raw=good.encode()).status == 415
    assert officer.post("/api/v1/cases/import", raw=b"",
                        content_type="application/x-ndjson").status == 400


def audit_count(server, action):
    env = dict(os.environ)
    env.pop("REDLINE_DB", None)
    p = subprocess.run([BIN, "--db", server.db, "--format", "json", "audit", "list", "--action", action],
                       capture_output=True, text=True, timeout=60, env=env)
    assert p.returncode == 0, p.stderr
    return len(json.loads(p.stdout))


def test_remove_person_and_seizure(server, officer, other_officer, analyst, supervisor):
    ref = "VN-22-C9001-2025-0009"
    assert officer.post("/api/v1/cases", new_case(ref)).status == 201
    path = "/api/v1/cases/VNM/" + ref
    before = officer.get(path).json
    assert before["suspects"] == 2 and before["foreign_suspects"] == 1
    lao = [p for p in before["persons"] if p["nationality"] == "LAO"][0]["person_id"]
    heroin = [s for s in before["seizures"] if s["drug"] == "heroin"][0]["id"]
    assert isinstance(heroin, int)
    removals = audit_count(server, "case.person_remove") + audit_count(server, "case.seizure_remove")

    # Unknown ids, a role the person does not have, someone else's case,
    # an analyst: nothing changes.
    for c, p, status in [(officer, path + "/persons/01ARZ3NDEKTSV4RRFFQ69G5FAV", 404),
                         (officer, path + "/persons/not-an-id", 404),
                         (officer, path + "/persons/" + lao + "?role=witness", 404),
                         (officer, path + "/persons/" + lao + "?role=boss", 400),
                         (officer, "/api/v1/cases/VNM/NO-SUCH/persons/" + lao, 404),
                         (officer, "/api/v1/cases/XXX/" + ref + "/persons/" + lao, 404),
                         (other_officer, path + "/persons/" + lao, 404),
                         (analyst, path + "/persons/" + lao, 403),
                         (officer, path + "/seizures/999999999", 404),
                         (officer, path + "/seizures/-1", 404),
                         (officer, path + "/seizures/1x", 404),
                         (officer, path + "/seizures/99999999999999999999999", 404),
                         (other_officer, path + "/seizures/%d" % heroin, 404),
                         (analyst, path + "/seizures/%d" % heroin, 403)]:
        r = c.delete(p)
        assert r.status == status, (p, r)
    assert officer.get(path).json == before
    assert audit_count(server, "case.person_remove") + audit_count(server, "case.seizure_remove") == removals

    # A seizure of another case is not this case's.
    other = "VN-22-C9001-2025-0010"
    assert officer.post("/api/v1/cases", new_case(other)).status == 201
    foreign_seizure = officer.get("/api/v1/cases/VNM/" + other).json["seizures"][0]["id"]
    assert officer.delete(path + "/seizures/%d" % foreign_seizure).status == 404

    # The Lao suspect out: the counts follow, in the same answer.
    r = officer.delete(path + "/persons/" + lao + "?role=suspect")
    assert r.status == 200, r
    assert (r.json["suspects"], r.json["foreign_suspects"]) == (1, 0)
    assert [p["full_name"] for p in r.json["persons"]] == ["Lò Văn Sáu"]
    assert officer.delete(path + "/persons/" + lao).status == 404  # already gone

    # The heroin seizure out (by the province supervisor, in scope too):
    # the statistics by drug no longer count the case or its 1.25 kg.
    def heroin_figs():
        g = analyst.get("/api/v1/reports/stats?from=2025-09-01&to=2025-09-01&by=drug").json["groups"]
        h = [x for x in g if x["key"] == "heroin"][0]
        return h["cases"], round(h["mass_kg"], 3)
    cases, kg = heroin_figs()
    r = supervisor.delete(path + "/seizures/%d" % heroin)
    assert r.status == 200, r
    assert [s["drug"] for s in r.json["seizures"]] == ["methamphetamine_tablets"]
    assert officer.delete(path + "/seizures/%d" % heroin).status == 404
    assert heroin_figs() == (cases - 1, round(kg - 1.25, 3))
    assert audit_count(server, "case.person_remove") + audit_count(server, "case.seizure_remove") == removals + 2


def test_person_detail_and_merge_log(server, supervisor, officer, other_officer, analyst):
    # Two records of one man in two cases of the officer's commune.
    man = {"full_name": "Hà Văn Thắng", "birth_date": "1979-02-03", "sex": "M", "nationality": "VNM"}
    for ref, role, extra in [("VN-22-C9001-2025-0101", "suspect",
                              {"names": [{"name": "Ha Van Thang", "script": "Latn", "alias": True}],
                               "documents": [{"type": "id_card", "number": "0402791234", "country": "VNM"}]}),
                             ("VN-22-C9001-2025-0102", "arrested", {})]:
        p = dict(man, ref="P1", role=role, **extra)
        assert officer.post("/api/v1/cases", new_case(ref, persons=[p], seizures=[])).status == 201
    found = supervisor.get("/api/v1/persons?q=" + urllib.parse.quote("hà văn thắng")).json["items"]
    ids = sorted(p["id"] for p in found if p["birth_date"] == "1979-02-03")
    assert len(ids) == 2, found
    pair = {"a": ids[0], "b": ids[1]}
    a = supervisor.get("/api/v1/persons/" + pair["a"]).json
    b = supervisor.get("/api/v1/persons/" + pair["b"]).json
    with_doc = a if a["documents"] else b
    assert with_doc["documents"] == [{"type": "id_card", "number": "0402791234", "country": "VNM"}]
    assert {n["name"] for n in with_doc["names"]} == {"Hà Văn Thắng", "Ha Van Thang"}
    assert [c["ref"] for c in a["cases"]] + [c["ref"] for c in b["cases"]] != []
    assert a["merged_into"] is None and len(a["cases"]) == 1

    # Scope: for the other commune's officer the person does not exist
    # (linked to no case of theirs), word for word as an unknown id.
    r = other_officer.get("/api/v1/persons/" + pair["a"])
    unknown = other_officer.get("/api/v1/persons/01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert r.status == 404 and unknown.status == 404
    assert r.error["message"].replace(pair["a"], "X") == unknown.error["message"].replace(
        "01ARZ3NDEKTSV4RRFFQ69G5FAV", "X")
    for bad in ("01ARZ3NDEKTSV4RRFFQ69G5FAV", "nope", "%00"):
        assert supervisor.get("/api/v1/persons/" + bad).status == 404

    # Merge: the survivor now lists both cases, the merged record points to it.
    r = supervisor.post("/api/v1/persons/merge", {"survivor": pair["a"], "merged": pair["b"]})
    assert r.status == 200, r
    mid = r.json["merge_id"]
    a2 = supervisor.get("/api/v1/persons/" + pair["a"]).json
    assert sorted(c["ref"] for c in a2["cases"]) == ["VN-22-C9001-2025-0101", "VN-22-C9001-2025-0102"]
    assert {c["person_id"] for c in a2["cases"]} == {pair["a"], pair["b"]}
    assert supervisor.get("/api/v1/persons/" + pair["b"]).json["merged_into"] == pair["a"]
    log = supervisor.get("/api/v1/persons/merges").json["items"]
    assert log[0]["id"] == mid and log[0]["undone_at"] is None
    assert log[0]["survivor_name"] == "Hà Văn Thắng" and log[0]["actor"] == "user:vn-22.supervisor"
    assert officer.get("/api/v1/persons/merges").status == 403
    assert supervisor.get("/api/v1/persons/merges?limit=0").status == 400
    assert supervisor.get("/api/v1/persons/merges?limit=x").status == 400
    assert supervisor.post("/api/v1/persons/unmerge", {"merge_id": mid}).status == 204
    log = supervisor.get("/api/v1/persons/merges?limit=1").json["items"]
    assert len(log) == 1 and log[0]["id"] == mid and log[0]["undone_at"]
    assert len(supervisor.get("/api/v1/persons/" + pair["a"]).json["cases"]) == 1
