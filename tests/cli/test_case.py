"""Cases, persons and seizures through the CLI: import (JSON Lines and CSV),
idempotency, all-or-nothing and --skip-bad, every kind of bad input, export
round trips, add, show, person search, duplicates, merge and unmerge."""
import json

import pytest


def case(ref="VN-22-2022-000001", country="VNM", unit="VN-22", opened="2022-03-14",
         category="drug_trafficking", persons=None, seizures=None, **kw):
    c = {"ref": ref, "country": country, "unit": unit, "category": category,
         "opened": opened, "status": "closed", "summary": ""}
    c["persons"] = persons if persons is not None else [
        {"ref": "P1", "full_name": "Nguyễn Văn A", "birth_date": "1990-01-02", "sex": "M",
         "nationality": "VNM", "role": "suspect"}]
    c["seizures"] = seizures if seizures is not None else [
        {"drug": "heroin", "quantity": 1.25, "unit": "kg"}]
    c.update(kw)
    return c


def jsonl(*cases):
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)


def write(tmp_path, name, text, mode="w"):
    p = tmp_path / name
    if mode == "wb":
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return str(p)


def count_cases(rl, *filters):
    return len(json.loads(rl.ok("--format", "json", "case", "list", "--limit", "100000", *filters)))


def test_import_show_list(rl_init, tmp_path):
    f = write(tmp_path, "c.jsonl", jsonl(
        case(),
        case(ref="LA-XI-2022-000001", country="LAO", unit="LA-XI", opened="2022-05-01",
             persons=[{"ref": "P1", "names": [{"name": "ສົມໃຈ ພົມມະຈັນ", "script": "Laoo"},
                                              {"name": "Somchai Phommachanh", "script": "Latn",
                                               "alias": True}],
                       "birth_date": "1985", "sex": "M", "nationality": "THA", "role": "arrested"}],
             seizures=[{"drug": "methamphetamine_tablets", "quantity": 12000, "unit": "tablet"}])))
    out = rl_init.ok("case", "import", f)
    assert "imported 2 cases" in out
    rows = json.loads(rl_init.ok("--format", "json", "case", "list"))
    assert [r["ref"] for r in rows] == ["VN-22-2022-000001", "LA-XI-2022-000001"]
    lao = rows[1]
    assert lao["suspects"] == "1" and lao["foreign"] == "1"
    show = rl_init.ok("case", "show", "VN-22-2022-000001")
    assert "Nguyễn Văn A" in show and "heroin" in show and "1.25" in show
    # one audit record for the whole import
    audit = json.loads(rl_init.ok("--format", "json", "audit", "list", "--action", "case."))
    assert len(audit) == 1 and "imported 2 cases" in audit[0]["summary"]


def test_import_is_idempotent(rl_init, tmp_path):
    f = write(tmp_path, "c.jsonl", jsonl(case(), case(ref="VN-22-2022-000002")))
    rl_init.ok("case", "import", f)
    out = rl_init.ok("case", "import", f)
    assert "imported 0 cases" in out and "2 already present" in out
    assert count_cases(rl_init) == 2
    audit = json.loads(rl_init.ok("--format", "json", "audit", "list", "--action", "case."))
    assert len(audit) == 1


def test_bad_file_stores_nothing(rl_init, tmp_path):
    f = write(tmp_path, "c.jsonl", jsonl(case(), case(ref="X2", unit="VN-99")) + "{not json\n")
    p = rl_init.run("case", "import", f)
    assert p.returncode == 1
    assert "line 2: unknown unit 'VN-99'" in p.stderr
    assert "line 3: malformed JSON" in p.stderr
    assert "nothing imported" in p.stderr
    assert count_cases(rl_init) == 0


def test_skip_bad_stores_the_rest(rl_init, tmp_path):
    f = write(tmp_path, "c.jsonl", jsonl(case(), case(ref="X2", unit="VN-99"), case(ref="X3")))
    p = rl_init.run("case", "import", "--skip-bad", f)
    assert p.returncode == 0, p.stderr
    assert "line 2:" in p.stderr
    assert "imported 2 cases" in p.stdout and "1 rejected" in p.stdout
    assert count_cases(rl_init) == 2


BAD = [
    (dict(unit="VN-99"), "unknown unit 'VN-99'"),
    (dict(unit="VN-24", opened="2025-08-01"), "successor is 'VN-25'"),
    (dict(unit="VN-22-C9001", opened="2024-01-01"), "did not exist yet"),
    (dict(unit="LA-XI"), "belongs to LAO"),
    (dict(category="drug_bogus"), "unknown category 'drug_bogus'"),
    (dict(status="pending"), "unknown status"),
    (dict(opened="2022-02-30"), "'opened' must be a date"),
    (dict(opened="2099-01-01"), "in the future"),
    (dict(seizures=[{"drug": "heroin", "quantity": -1, "unit": "kg"}]), "positive"),
    (dict(seizures=[{"drug": "heroin", "quantity": 500000, "unit": "kg"}]), "over the limit"),
    (dict(seizures=[{"drug": "crack", "quantity": 1, "unit": "kg"}]), "unknown drug 'crack'"),
    (dict(seizures=[{"drug": "opium_poppy", "quantity": 3, "unit": "kg"}]), "cannot be measured in 'kg'"),
    (dict(seizures=[{"drug": "heroin", "quantity": "1", "unit": "kg"}]), "must be a number"),
    (dict(persons=[{"ref": "P1", "role": "suspect", "birth_date": "2090-01-01", "full_name": "A B"}]), "in the future"),
    (dict(persons=[{"ref": "P1", "role": "suspect", "birth_date": "1990"}]), "needs a name"),
    (dict(persons=[{"ref": "P1", "role": "boss", "full_name": "A B"}]), "unknown role"),
    (dict(persons=[{"ref": "P1", "role": "suspect", "full_name": "A", "nationality": "XXX"}]), "unknown nationality"),
    (dict(colour="red"), "unknown field 'colour'"),
]


@pytest.mark.parametrize("change,message", BAD, ids=[m for _, m in BAD])
def test_bad_records_are_refused(rl_demo, tmp_path, change, message):
    f = write(tmp_path, "c.jsonl", jsonl(case(**change)))
    p = rl_demo.run("case", "import", f)
    assert p.returncode == 1, p.stdout
    assert message in p.stderr
    assert p.stderr.startswith("line 1: ")
    assert count_cases(rl_demo) == 0


def test_invalid_utf8_and_duplicates(rl_init, tmp_path):
    good = jsonl(case()).encode()
    bad = b'{"ref":"\xff\xfe","country":"VNM"}\n'
    f = write(tmp_path, "c.jsonl", good + bad + good, mode="wb")
    p = rl_init.run("case", "import", f)
    assert p.returncode == 1
    assert "line 2: not valid UTF-8" in p.stderr
    assert "line 3: duplicate reference 'VN-22-2022-000001' (first on line 1)" in p.stderr
    assert count_cases(rl_init) == 0


def test_stdin_and_csv_import(rl_init, tmp_path):
    rl_init.ok("case", "import", "-", stdin=jsonl(case()))
    cases = write(tmp_path, "cases.csv",
                  "ref,country,unit,category,opened,status\n"
                  "VN-05-2023-1,VNM,VN-05,drug_transport,2023-01-02,open\n"
                  "VN-05-2023-2,VNM,VN-05,drug_possession,2023-01-03,open\n")
    persons = write(tmp_path, "persons.csv",
                    "case_ref,ref,role,full_name,birth_date,sex,nationality\n"
                    "VN-05-2023-1,P1,arrested,\"Lò Văn Páo\",1980,M,VNM\n"
                    "VN-05-2023-1,P2,suspect,Somchai Vongsa,1979-05,M,LAO\n"
                    "VN-05-2023-2,P1,suspect,Vì Thị Mai,,F,VNM\n")
    seizures = write(tmp_path, "seizures.csv",
                     "case_ref,drug,quantity,unit\n"
                     "VN-05-2023-1,heroin,350,g\n"
                     "VN-05-2023-2,methamphetamine_tablets,6000,tablet\n")
    out = rl_init.ok("case", "import", "--format", "csv", cases, persons, seizures)
    assert "imported 2 cases (3 persons, 2 seizures)" in out
    rows = {r["ref"]: r for r in json.loads(rl_init.ok("--format", "json", "case", "list"))}
    assert rows["VN-05-2023-1"]["suspects"] == "2" and rows["VN-05-2023-1"]["foreign"] == "1"


def test_csv_errors_name_file_and_line(rl_init, tmp_path):
    cases = write(tmp_path, "cases.csv", "ref,country,unit,category,opened\nA1,VNM,VN-05,drug_transport,2023-01-02\n")
    persons = write(tmp_path, "persons.csv", "case_ref,ref,role,full_name\nA1,P1,suspect,\nB9,P1,suspect,X Y\n")
    seizures = write(tmp_path, "seizures.csv", "case_ref,drug,quantity,unit\nA1,heroin,lots,g\n")
    p = rl_init.run("case", "import", "--csv", cases, persons, seizures)
    assert p.returncode == 1
    assert "persons line 3: no case 'B9'" in p.stderr
    assert "seizures line 2: quantity 'lots' is not a number" in p.stderr
    assert "persons line 2: a person needs a name" in p.stderr
    assert count_cases(rl_init) == 0


def test_export_round_trip_jsonl_and_csv(rl_init, rl, tmp_path):
    from conftest import Redline
    src = jsonl(
        case(),
        case(ref="VN-71-2021-9", unit="VN-71", opened="2021-09-09", category="drug_cultivation",
             seizures=[{"drug": "opium_poppy", "quantity": 120, "unit": "plant"},
                       {"drug": "opium", "quantity": 0.375, "unit": "kg"}]),
        case(ref="LA-SV-2022-1", country="LAO", unit="LA-SV", opened="2022-01-01",
             persons=[{"ref": "P1", "full_name": "Bounmy Sisouk", "role": "witness"}], seizures=[]))
    rl_init.ok("case", "import", "-", stdin=src)
    exported = rl_init.ok("case", "export")
    assert len(exported.splitlines()) == 3
    other = Redline(str(tmp_path / "other.db"))
    other.ok("init")
    other.ok("case", "import", "-", stdin=exported)
    assert other.ok("case", "export") == exported
    # CSV: three files, imported into a third database, same JSON export
    rl_init.ok("case", "export", "--format", "csv", "--out", str(tmp_path / "x"))
    third = Redline(str(tmp_path / "third.db"))
    third.ok("init")
    third.ok("case", "import", "--format", "csv", str(tmp_path / "x-cases.csv"),
             str(tmp_path / "x-persons.csv"), str(tmp_path / "x-seizures.csv"))
    assert third.ok("case", "export") == exported
    # filters
    assert len(rl_init.ok("case", "export", "--country", "LAO").splitlines()) == 1
    assert len(rl_init.ok("case", "export", "--from", "2022-01-01").splitlines()) == 2


def test_case_add(rl_init):
    out = rl_init.ok("case", "add", "--ref", "VN-23-2024-7", "--country", "VNM", "--unit", "VN-23",
                     "--category", "smuggling", "--opened", "2024-02-02")
    assert out.startswith("added case ")
    p = rl_init.run("case", "add", "--ref", "VN-23-2024-7", "--country", "VNM", "--unit", "VN-23",
                    "--category", "smuggling", "--opened", "2024-02-02")
    assert p.returncode == 4 and "already exists" in p.stderr
    rl_init.ok("case", "add", stdin=json.dumps(case(ref="VN-22-X")))
    p = rl_init.run("case", "add", stdin="{oops")
    assert p.returncode == 1 and "malformed JSON" in p.stderr
    p = rl_init.run("case", "add", "--ref", "R", "--country", "VNM", "--unit", "VN-23",
                    "--category", "drug_trafficking", "--opened", "2024-02-02", "--status", "bogus")
    assert p.returncode == 1
    assert count_cases(rl_init) == 2
    assert rl_init.run("case", "show", "NOPE").returncode == 3


def test_person_search_any_script(rl_init, tmp_path):
    rl_init.ok("case", "import", "-", stdin=jsonl(
        case(),
        case(ref="L1", country="LAO", unit="LA-XI", persons=[
            {"ref": "P1", "names": [{"name": "ສົມໃຈ ພົມມະຈັນ"}, {"name": "Somchai Phommachanh", "alias": True}],
             "role": "suspect", "nationality": "LAO"}])))
    for q in ("nguyen van a", "NGUYỄN", "Nguyen Van"):
        rows = json.loads(rl_init.ok("--format", "json", "person", "search", q))
        assert [r["name"] for r in rows] == ["Nguyễn Văn A"], q
    rows = json.loads(rl_init.ok("--format", "json", "person", "search", "ພົມມະຈັນ"))
    assert len(rows) == 1 and rows[0]["other_names"] == "Somchai Phommachanh"
    assert json.loads(rl_init.ok("--format", "json", "person", "search", "somchai"))[0]["name"] == "ສົມໃຈ ພົມມະຈັນ"
    assert json.loads(rl_init.ok("--format", "json", "person", "search", "nobody")) == []
    assert rl_init.run("person", "search", "...").returncode == 1


def test_person_search_ranks_the_exact_name_first(rl_demo):
    """Exact name, then names starting with the query, then the rest;
    newest first within each; --limit keeps the best (issue #5)."""
    names = ["Hà Lò Văn Sáu", "Lò Văn Sáu Nhỏ", "Lò Văn Sáu", "Lò Văn Sáu Lớn", "Cầm Lò Văn Sáu"]
    for i, name in enumerate(names):   # one case each: each person newer than the last
        rl_demo.ok("case", "import", "-", stdin=jsonl(case(ref="R%d" % i, persons=[
            {"ref": "P1", "full_name": name, "role": "suspect", "nationality": "VNM"}])))
    rows = json.loads(rl_demo.ok("--format", "json", "person", "search", "LO VAN SAU"))
    assert [r["name"] for r in rows][:1] == ["Lò Văn Sáu"]
    assert {r["name"] for r in rows[1:3]} == {"Lò Văn Sáu Nhỏ", "Lò Văn Sáu Lớn"}
    assert {r["name"] for r in rows[3:]} == {"Hà Lò Văn Sáu", "Cầm Lò Văn Sáu"}
    assert rows[1]["id"] > rows[2]["id"] and rows[3]["id"] > rows[4]["id"]
    rows = json.loads(rl_demo.ok("--format", "json", "person", "search", "--limit", "2", "lò văn"))
    assert {r["name"] for r in rows} <= {"Lò Văn Sáu Nhỏ", "Lò Văn Sáu", "Lò Văn Sáu Lớn"} and len(rows) == 2
    assert rows[0]["id"] > rows[1]["id"]
    # The same through a scope (a province supervisor: its subtree; an analyst: the country).
    for who in ("vn-22.supervisor", "analyst"):
        rows = json.loads(rl_demo.ok("--format", "json", "--as", who, "person", "search", "lo van sau"))
        assert [r["name"] for r in rows][:1] == ["Lò Văn Sáu"], who


def suspects_of(rl, ref):
    return [r for r in json.loads(rl.ok("--format", "json", "case", "list")) if r["ref"] == ref][0]["suspects"]


def test_duplicates_merge_unmerge(rl_init):
    same = {"full_name": "Trần Văn Bình", "birth_date": "1988-04-05", "sex": "M", "nationality": "VNM"}
    rl_init.ok("case", "import", "-", stdin=jsonl(
        case(ref="A", persons=[dict(same, ref="P1", role="suspect"), dict(same, ref="P2", role="arrested")]),
        case(ref="B", persons=[dict(same, ref="P1", role="suspect", birth_date="1988")]),
        case(ref="C", persons=[dict(same, ref="P1", role="suspect", birth_date="1977")])))
    assert suspects_of(rl_init, "A") == "2"
    pairs = json.loads(rl_init.ok("--format", "json", "person", "duplicates"))
    # 3 compatible records -> 3 pairs; the 1977 one agrees with none of them on birth date
    assert len(pairs) == 3
    assert pairs[0]["score"] == "100"
    assert int(pairs[-1]["score"]) < 100
    a, b = pairs[0]["a"], pairs[0]["b"]
    out = rl_init.ok("person", "merge", a, b)
    merge_id = out.split("merge id ")[1].strip()
    # the two records in case A are one person now
    assert suspects_of(rl_init, "A") == "1"
    assert len(json.loads(rl_init.ok("--format", "json", "person", "search", "tran van binh"))) == 3
    p = rl_init.run("person", "merge", a, b)
    assert p.returncode == 4
    rl_init.ok("person", "unmerge", merge_id)
    assert suspects_of(rl_init, "A") == "2"
    assert len(json.loads(rl_init.ok("--format", "json", "person", "search", "tran van binh"))) == 4
    assert rl_init.run("person", "unmerge", merge_id).returncode == 4
    assert rl_init.run("person", "unmerge", "01ARZ3NDEKTSV4RRFFQ69G5FAV").returncode == 3
    assert rl_init.run("person", "merge", a, a).returncode == 1
    assert rl_init.run("person", "merge", a, "01ARZ3NDEKTSV4RRFFQ69G5FAV").returncode == 3
    actions = [e["action"] for e in json.loads(rl_init.ok("--format", "json", "audit", "list", "--action", "person."))]
    assert actions == ["person.unmerge", "person.merge"]


def test_generate_is_deterministic(rl, tmp_path):
    a = rl.ok("case", "generate", "--seed", "7")
    b = rl.ok("case", "generate", "--seed", "7")
    c = rl.ok("case", "generate", "--seed", "8")
    assert a == b and a != c
    assert rl.run("case", "generate", "--seed", "x").returncode == 2


def test_roles(rl_demo):
    rl_demo.ok("case", "import", "-", stdin=jsonl(case()))
    p = rl_demo.run("--as", "vn-22-c9001.checkpoint", "case", "list")
    assert p.returncode == 5
    assert rl_demo.run("--as", "analyst", "case", "import", "-", stdin=jsonl(case(ref="Z"))).returncode == 5
    assert rl_demo.run("--as", "vn-22.supervisor", "case", "import", "-", stdin=jsonl(case(ref="Z"))).returncode == 0
    out = rl_demo.ok("--as", "analyst", "report", "--from", "2022-01-01", "--to", "2022-12-31", "--format", "json")
    assert json.loads(out)["cases"] == 2
    audit = json.loads(rl_demo.ok("--format", "json", "audit", "list", "--action", "case.import"))
    assert audit[0]["actor"] == "user:vn-22.supervisor"


def test_one_person_in_two_roles_counts_once(rl_init):
    p = {"ref": "P1", "full_name": "Lò Văn Páo", "nationality": "LAO"}
    out = rl_init.ok("case", "import", "-", stdin=jsonl(case(persons=[
        dict(p, role="suspect"), dict(p, role="arrested"), {"ref": "P2", "full_name": "Vì Thị Mai", "role": "witness"}])))
    assert "imported 1 cases (2 persons" in out
    row = json.loads(rl_init.ok("--format", "json", "case", "list"))[0]
    assert (row["suspects"], row["foreign"]) == ("1", "1")


def test_link_a_stored_person_by_id(rl_init):
    rl_init.ok("case", "import", "-", stdin=jsonl(case(persons=[
        {"ref": "P1", "full_name": "Thào A Sính", "nationality": "LAO", "role": "suspect"}])))
    pid = json.loads(rl_init.ok("--format", "json", "person", "search", "thao a sinh"))[0]["id"]
    rl_init.ok("case", "import", "-", stdin=jsonl(case(ref="B", persons=[{"id": pid, "role": "arrested"}])))
    rows = {r["ref"]: r for r in json.loads(rl_init.ok("--format", "json", "case", "list"))}
    assert (rows["B"]["suspects"], rows["B"]["foreign"]) == ("1", "1")
    assert pid in rl_init.ok("case", "show", "B")
    p = rl_init.run("case", "import", "-", stdin=jsonl(case(ref="C", persons=[{"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "role": "suspect"}])))
    assert p.returncode == 1 and "unknown person" in p.stderr
    p = rl_init.run("case", "import", "-", stdin=jsonl(case(ref="C", persons=[{"id": pid, "role": "suspect", "full_name": "X"}])))
    assert p.returncode == 1 and "takes only" in p.stderr


def show_parts(rl, ref):
    """The person rows (ref, role, person id) and seizure rows (id, drug)
    of `case show`."""
    lines = rl.ok("case", "show", ref).splitlines()
    persons = lines[lines.index("persons:") + 2:lines.index("seizures:") - 1]
    seizures = lines[lines.index("seizures:") + 2:]
    return ([tuple(line.split()[:3]) for line in persons if line.strip()],
            [tuple(line.split()[:2]) for line in seizures if line.strip()])


def report_figs(rl, *args):
    return json.loads(rl.ok("report", "--from", "2022-01-01", "--to", "2022-12-31", *args, "--format", "json"))


def test_remove_person_and_seizure(rl_demo):
    rl_demo.ok("case", "import", "-", stdin=jsonl(
        case(ref="R", persons=[
            {"ref": "P1", "full_name": "Nguyễn Văn A", "nationality": "VNM", "role": "suspect"},
            {"ref": "P1", "full_name": "Nguyễn Văn A", "nationality": "VNM", "role": "witness"},
            {"ref": "P2", "full_name": "Somsak K", "nationality": "THA", "role": "arrested"}],
             seizures=[{"drug": "heroin", "quantity": 2, "unit": "kg"},
                       {"drug": "mdma", "quantity": 50, "unit": "tablet"}]),
        case(ref="S")))
    persons, seizures = show_parts(rl_demo, "R")
    somsak = [p for r, role, p in persons if r == "P2"][0]
    heroin = [i for i, d in seizures if d == "heroin"][0]
    other_seizure = show_parts(rl_demo, "S")[1][0][0]
    before = rl_demo.ok("case", "show", "R")
    figs = report_figs(rl_demo)
    assert (figs["suspects"], figs["foreign_suspects"], figs["mass_kg"]) == (3, 1, 3.25)

    # Bad input: clear errors, nothing changed, nothing audited.
    for args, code, words in [
            (("case", "person", "remove", "R", "01ARZ3NDEKTSV4RRFFQ69G5FAV"), 3, "no person"),
            (("case", "person", "remove", "R", "nonsense"), 3, "no person"),
            (("case", "person", "remove", "R", somsak, "--role", "victim"), 3, "as victim"),
            (("case", "person", "remove", "R", somsak, "--role", "boss"), 1, "unknown role"),
            (("case", "person", "remove", "NOPE", somsak), 3, "unknown case"),
            (("case", "person", "remove", "R"), 2, "person id"),
            (("case", "seizure", "remove", "R", "999999"), 3, "no seizure"),
            (("case", "seizure", "remove", "R", "abc"), 3, "no seizure"),
            (("case", "seizure", "remove", "R", other_seizure), 3, "no seizure"),
            (("case", "seizure", "remove", "R", heroin, "--role", "suspect"), 2, "--role"),
            (("--as", "analyst", "case", "seizure", "remove", "R", heroin), 5, ""),
            (("--as", "vn-23.supervisor", "case", "seizure", "remove", "R", heroin), 3, "")]:
        p = rl_demo.run(*args)
        assert p.returncode == code, (args, p.returncode, p.stderr)
        assert words in p.stderr, (args, p.stderr)
        assert "\n" not in p.stderr.strip()
    assert rl_demo.ok("case", "show", "R") == before
    assert json.loads(rl_demo.ok("--format", "json", "audit", "list", "--action", "case.")) [0]["action"] == "case.import"

    # The Thai suspect out: counts follow.
    out = rl_demo.ok("case", "person", "remove", "R", somsak)
    assert "1 link" in out
    figs = report_figs(rl_demo)
    assert (figs["suspects"], figs["foreign_suspects"]) == (2, 0)
    # P1 in one of its two roles only, with options after operands.
    p1 = [p for r, role, p in persons if r == "P1"][0]
    rl_demo.ok("case", "person", "remove", "R", p1, "--role", "witness")
    assert [(r, role) for r, role, _ in show_parts(rl_demo, "R")[0]] == [("P1", "suspect")]
    assert report_figs(rl_demo)["suspects"] == 2

    # The heroin seizure out, by the province's supervisor (in scope).
    rl_demo.ok("--as", "vn-22.supervisor", "case", "seizure", "remove", "R", heroin)
    assert [d for _, d in show_parts(rl_demo, "R")[1]] == ["mdma"]
    figs = report_figs(rl_demo)
    assert (figs["mass_kg"], figs["tablets"]) == (1.25, 50)
    drugs = {g["key"]: g["cases"] for g in report_figs(rl_demo, "--by", "drug")["groups"]}
    assert drugs == {"heroin": 1, "mdma": 1}
    assert rl_demo.run("case", "seizure", "remove", "R", heroin).returncode == 3

    audit = json.loads(rl_demo.ok("--format", "json", "audit", "list", "--action", "case."))
    assert [a["action"] for a in audit[:3]] == ["case.seizure_remove", "case.person_remove", "case.person_remove"]
    assert "heroin" in audit[0]["summary"] and somsak in audit[2]["summary"]
    assert audit[0]["actor"] == "user:vn-22.supervisor"


def test_remove_the_survivor_of_a_merge(rl_init):
    same = {"full_name": "Trần Văn Bình", "birth_date": "1988-04-05", "sex": "M", "nationality": "VNM"}
    rl_init.ok("case", "import", "-", stdin=jsonl(
        case(ref="A", persons=[dict(same, ref="P1", role="suspect")]),
        case(ref="B", persons=[dict(same, ref="P1", role="suspect")])))
    a = show_parts(rl_init, "A")[0][0][2]
    b = show_parts(rl_init, "B")[0][0][2]
    rl_init.ok("person", "merge", a, b)
    # B's link is to the merged record; the case lists the survivor, and
    # removing the survivor from B removes that link.
    assert show_parts(rl_init, "B")[0][0][2] == a
    rl_init.ok("case", "person", "remove", "B", a)
    assert show_parts(rl_init, "B")[0] == []
    assert len(show_parts(rl_init, "A")[0]) == 1


def case_refs(rl, person):
    rows = rl.ok("person", "show", person).split("cases:\n")[1].splitlines()[1:]
    return [r.split()[0] for r in rows if r.strip()]


def test_person_show_and_merge_log(rl_init):
    rl_init.ok("case", "import", "-", stdin=jsonl(
        case(ref="A", opened="2022-01-05", persons=[{
            "ref": "P1", "names": [{"name": "ສົມໃຈ ພົມມະຈັນ", "script": "Laoo"},
                                   {"name": "Somchai Phommachanh", "script": "Latn", "alias": True}],
            "birth_date": "1985", "sex": "M", "nationality": "LAO", "role": "suspect",
            "documents": [{"type": "passport", "number": "P0012345", "country": "LAO"}]}]),
        case(ref="B", opened="2023-06-01", persons=[{
            "ref": "P1", "full_name": "Somchai Phommachanh", "birth_date": "1985-07", "sex": "M",
            "nationality": "LAO", "role": "arrested"}])))
    a = show_parts(rl_init, "A")[0][0][2]
    b = show_parts(rl_init, "B")[0][0][2]
    out = rl_init.ok("person", "show", a)
    assert "ສົມໃຈ ພົມມະຈັນ" in out and "Somchai Phommachanh" in out and "alias" in out
    assert "P0012345" in out and "born         1985" in out
    assert case_refs(rl_init, a) == ["A"]
    assert rl_init.run("person", "show", "01ARZ3NDEKTSV4RRFFQ69G5FAV").returncode == 3
    assert rl_init.run("person", "show", "x" * 5000).returncode == 3
    assert rl_init.run("person", "show").returncode == 2
    assert json.loads(rl_init.ok("--format", "json", "person", "merges")) == []

    merge_id = rl_init.ok("person", "merge", a, b).split("merge id ")[1].strip()
    assert case_refs(rl_init, a) == ["B", "A"]       # newest first, both now
    assert "merged into  " + a in rl_init.ok("person", "show", b)
    log = json.loads(rl_init.ok("--format", "json", "person", "merges"))
    assert [(m["id"], m["survivor"], m["merged"], m["undone_at"]) for m in log] == [(merge_id, a, b, "")]
    assert log[0]["survivor_name"] == "ສົມໃຈ ພົມມະຈັນ"
    rl_init.ok("person", "unmerge", merge_id)
    assert json.loads(rl_init.ok("--format", "json", "person", "merges"))[0]["undone_at"] != ""
    assert case_refs(rl_init, a) == ["A"]
    assert rl_init.run("person", "merges", "--limit", "0").returncode == 2
    assert rl_init.run("--as", "analyst", "person", "merges").returncode in (3, 5)
