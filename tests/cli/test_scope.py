"""Need to know for case files and statistics through the CLI (`--as LOGIN`):
officers and supervisors see their unit's subtree (units merged into it or
dissolved under it included), analysts read their country, admins and
checkpoint posts see no case files, nobody sees the other country's; a case
out of scope answers exactly as an unknown one; statistics of a commune are
its own; the operator (no --as) sees everything."""
import json

import pytest

P_VN = {"ref": "P1", "full_name": "Lò Văn Sáu", "birth_date": "1990-01-02", "sex": "M",
        "nationality": "VNM", "role": "suspect"}
P_LA = {"ref": "P1", "full_name": "ສົມພອນ ໄຊຍະວົງ", "birth_date": "1985", "sex": "M",
        "nationality": "LAO", "role": "arrested"}


def case(ref, unit, country="VNM", opened="2025-09-01", persons=None, **kw):
    c = {"ref": ref, "country": country, "unit": unit, "category": "drug_trafficking",
         "opened": opened, "status": "open", "summary": "",
         "persons": persons if persons is not None else [],
         "seizures": [{"drug": "heroin", "quantity": 1, "unit": "kg"}]}
    c.update(kw)
    return c


def jsonl(*cases):
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)


CASES = [
    case("C9001-1", "VN-22-C9001", persons=[P_VN]),
    case("C9002-1", "VN-22-C9002", persons=[dict(P_VN, full_name="Vàng A Chứ")]),
    case("C0101-1", "VN-22-C0101", opened="2024-05-01"),   # merged into VN-22-C9001 in 2025
    case("D01-1", "VN-22-D01", opened="2024-06-01"),       # district level gone since 2025-07-01
    case("VN22-1", "VN-22"),
    case("VN23-1", "VN-23-C9001"),
    case("SAME-1", "VN-22"),
    case("V0101-1", "LA-XI-V0101", country="LAO", persons=[P_LA]),
    case("LAXI-1", "LA-XI", country="LAO", opened="2024-03-01"),
    case("SAME-1", "LA-XI", country="LAO"),
]


@pytest.fixture
def node(rl_demo):
    out = rl_demo.ok("case", "import", "-", stdin=jsonl(*CASES))
    assert "imported 10 cases" in out
    return rl_demo


def refs(rl, login, *args):
    out = rl.ok("--as", login, "--format", "json", "case", "list", "--limit", "1000", *args)
    return sorted((r["country"], r["ref"]) for r in json.loads(out))


def test_operator_sees_everything(node):
    assert len(refs(node, "vn-22.supervisor")) < 10
    out = json.loads(node.ok("--format", "json", "case", "list"))
    assert len(out) == 10


def test_lao_officer_sees_no_vietnamese_case(node):
    lao = "la-xi-v0101.officer"
    assert refs(node, lao) == [("LAO", "V0101-1")]
    # show: the same answer as for a ref that does not exist
    p = node.run("--as", lao, "case", "show", "C9001-1")
    q = node.run("--as", lao, "case", "show", "NOPE-1")
    assert p.returncode == q.returncode == 3
    assert p.stderr.replace("C9001-1", "X") == q.stderr.replace("NOPE-1", "X")
    assert node.run("--as", lao, "case", "show", "--country", "VNM", "C9001-1").returncode == 3
    # its persons cannot be found either, by any spelling
    for name in ("Lò Văn Sáu", "lo van sau"):
        found = json.loads(node.ok("--as", lao, "--format", "json", "person", "search", name))
        assert found == []
    assert json.loads(node.ok("--as", lao, "--format", "json", "person", "search", "ສົມພອນ"))
    # a filter on the other country gives nothing rather than an error
    assert refs(node, lao, "--country", "VNM") == []
    # export holds only what the officer sees
    out = node.ok("--as", lao, "case", "export")
    assert [json.loads(l)["ref"] for l in out.splitlines()] == ["V0101-1"]


def test_same_ref_in_both_countries(node):
    # The Lao supervisor's SAME-1 is Lao's: the Vietnamese one is not hinted at.
    out = node.ok("--as", "la-xi.supervisor", "case", "show", "SAME-1")
    assert "LA-XI" in out and "both countries" not in out
    out = node.ok("--as", "vn-22.supervisor", "case", "show", "SAME-1")
    assert "VN-22" in out
    p = node.run("case", "show", "SAME-1")
    assert p.returncode == 1 and "both countries" in p.stderr


def test_commune_officer_sees_own_commune(node):
    # VN-22-C0101 was merged into VN-22-C9001: its cases are C9001's business now.
    assert refs(node, "vn-22-c9001.officer") == [("VNM", "C0101-1"), ("VNM", "C9001-1")]
    assert node.run("--as", "vn-22-c9001.officer", "case", "show", "C9002-1").returncode == 3
    assert refs(node, "vn-22-c9002.officer") == [("VNM", "C9002-1")]


def test_province_supervisor_sees_its_communes(node):
    assert refs(node, "vn-22.supervisor") == [
        ("VNM", r) for r in ("C0101-1", "C9001-1", "C9002-1", "D01-1", "SAME-1", "VN22-1")]
    assert refs(node, "la-xi.supervisor") == [("LAO", "LAXI-1"), ("LAO", "SAME-1"), ("LAO", "V0101-1")]


def test_analyst_reads_own_country_only(node):
    got = refs(node, "analyst")
    assert {c for c, _ in got} == {"VNM"} and len(got) == 7
    assert node.run("--as", "analyst", "case", "import", "-",
                    stdin=jsonl(case("AN-1", "VN-22"))).returncode == 5


def test_admin_and_checkpoint_see_no_case_files(node):
    for login in ("admin", "vn-22-c9001.checkpoint"):
        for args in (("case", "list"), ("case", "show", "C9001-1"), ("case", "export"),
                     ("person", "search", "lo van sau")):
            p = node.run("--as", login, *args)
            assert p.returncode == 5, (login, args, p.stderr)
            assert "officer, supervisor or analyst" in p.stderr
    p = node.run("--as", "admin", "case", "import", "-", stdin=jsonl(case("AD-1", "VN-22")))
    assert p.returncode == 5


def test_import_only_in_scope(node):
    officer = "vn-22-c9001.officer"
    mixed = jsonl(case("IMP-1", "VN-22-C9001"), case("IMP-2", "VN-22-C9002"))
    p = node.run("--as", officer, "case", "import", "-", stdin=mixed)
    assert p.returncode == 1
    assert "line 2" in p.stderr and "not one whose cases you may record" in p.stderr
    assert refs(node, officer) == [("VNM", "C0101-1"), ("VNM", "C9001-1")]  # nothing stored
    out = node.ok("--as", officer, "case", "import", "--skip-bad", "-", stdin=mixed)
    assert "imported 1 cases" in out
    # A ref stored by another unit is refused as out of scope, not reported
    # as "already present", so imports cannot probe other units' refs.
    p = node.run("--as", officer, "case", "import", "-", stdin=jsonl(case("C9002-1", "VN-22-C9002")))
    assert p.returncode == 1 and "already present" not in p.stdout + p.stderr
    # the province supervisor records for its communes, not for another province
    assert node.run("--as", "vn-22.supervisor", "case", "import", "-",
                    stdin=jsonl(case("IMP-3", "VN-22-C9002"))).returncode == 0
    assert node.run("--as", "vn-22.supervisor", "case", "import", "-",
                    stdin=jsonl(case("IMP-4", "VN-23-C9001"))).returncode == 1
    # case add: another unit's case answers as not found
    p = node.run("--as", officer, "case", "add", stdin=json.dumps(case("ADD-1", "VN-23-C9001")))
    assert p.returncode == 3 and "not one whose cases you may record" in p.stderr
    # the operator imports anything
    node.ok("case", "import", "-", stdin=jsonl(case("OP-1", "LA-XI-V0101", country="LAO")))


def test_persons_of_other_scopes_cannot_be_linked_or_merged(node):
    lao_id = json.loads(node.ok("--format", "json", "person", "search", "ສົມພອນ"))[0]["id"]
    vn_id = json.loads(node.ok("--format", "json", "person", "search", "lo van sau"))[0]["id"]
    # linking a person by id needs the person to be visible
    p = node.run("--as", "vn-22-c9001.officer", "case", "import", "-",
                 stdin=jsonl(case("LINK-1", "VN-22-C9001", persons=[{"id": lao_id, "role": "suspect"}])))
    assert p.returncode == 1 and "unknown person '%s'" % lao_id in p.stderr
    node.ok("--as", "vn-22-c9001.officer", "case", "import", "-",
            stdin=jsonl(case("LINK-2", "VN-22-C9001", persons=[{"id": vn_id, "role": "witness"}])))
    # merging needs both persons in the supervisor's scope: out of it is unknown
    p = node.run("--as", "vn-22.supervisor", "person", "merge", vn_id, lao_id)
    assert p.returncode == 3 and "unknown person '%s'" % lao_id in p.stderr
    # officers do not merge
    assert node.run("--as", "vn-22-c9001.officer", "person", "merge", vn_id, lao_id).returncode == 5


def test_duplicates_are_pairs_in_scope(rl_demo):
    same = {"full_name": "Trần Văn Bình", "birth_date": "1988-04-05", "sex": "M", "nationality": "VNM"}
    rl_demo.ok("case", "import", "-", stdin=jsonl(
        case("D-1", "VN-22-C9001", persons=[dict(same, ref="P1", role="suspect")]),
        case("D-2", "VN-22-C9002", persons=[dict(same, ref="P1", role="suspect")]),
        case("D-3", "VN-23-C9001", persons=[dict(same, ref="P1", role="suspect")])))
    everyone = json.loads(rl_demo.ok("--format", "json", "person", "duplicates"))
    assert len(everyone) == 3
    mine = json.loads(rl_demo.ok("--as", "vn-22.supervisor", "--format", "json", "person", "duplicates"))
    assert len(mine) == 1
    assert json.loads(rl_demo.ok("--as", "la-xi.supervisor", "--format", "json", "person", "duplicates")) == []
    merge_id = rl_demo.ok("--as", "vn-22.supervisor", "person", "merge", mine[0]["a"], mine[0]["b"]) \
        .split("merge id ")[1].strip()
    # another province's supervisor cannot undo it: as if it did not exist
    p = rl_demo.run("--as", "la-xi.supervisor", "person", "unmerge", merge_id)
    assert p.returncode == 3 and "unknown merge" in p.stderr
    rl_demo.ok("--as", "vn-22.supervisor", "person", "unmerge", merge_id)


def report(rl, login, *args):
    return rl.run("--as", login, "report", "--from", "2024-01-01", "--to", "2025-12-31",
                  "--format", "json", *args)


def test_statistics_of_a_commune_officer_are_its_own(node):
    p = report(node, "vn-22-c9001.officer")
    assert p.returncode == 0, p.stderr
    j = json.loads(p.stdout)
    assert j["scope"]["unit"] == "VN-22-C9001"
    assert j["cases"] == 2          # C9001-1 and C0101-1 (merged into it)
    p = report(node, "vn-22-c9001.officer", "--country", "LAO")
    assert p.returncode == 5 and "outside your scope" in p.stderr
    p = report(node, "vn-22-c9001.officer", "--unit", "VN-22")
    assert p.returncode == 5 and "outside your scope (VN-22-C9001" in p.stderr
    p = node.run("--as", "vn-22-c9001.officer", "report", "conference", "--from", "2024-01-01",
                 "--to", "2025-12-31")
    assert p.returncode == 5 and "both countries" in p.stderr
    # the province supervisor: the province, and a commune of it on request
    assert json.loads(report(node, "vn-22.supervisor").stdout)["cases"] == 6
    j = json.loads(report(node, "vn-22.supervisor", "--unit", "VN-22-C9002").stdout)
    assert j["cases"] == 1
    # analysts and ministry accounts see both countries' aggregates
    assert json.loads(report(node, "analyst").stdout)["cases"] == 10
    assert json.loads(report(node, "admin", "--country", "LAO").stdout)["cases"] == 3
    assert report(node, "vn-22-c9001.checkpoint").returncode == 5


def test_person_page_and_merge_log_follow_the_scope(node):
    vn_id = json.loads(node.ok("--format", "json", "person", "search", "lo van sau"))[0]["id"]
    lao_id = json.loads(node.ok("--format", "json", "person", "search", "ສົມພອນ"))[0]["id"]
    # The operator links the Vietnamese person to a case of another province too.
    node.ok("case", "import", "-", stdin=jsonl(case("VN23-2", "VN-23-C9001",
                                                   persons=[{"id": vn_id, "role": "witness"}])))
    out = node.ok("--as", "vn-22-c9001.officer", "person", "show", vn_id)
    assert "C9001-1" in out and "VN23-2" not in out     # only the cases in scope
    assert "VN23-2" in node.ok("person", "show", vn_id)
    # the Lao person does not exist for a Vietnamese officer, as an unknown id
    p = node.run("--as", "vn-22-c9001.officer", "person", "show", lao_id)
    q = node.run("--as", "vn-22-c9001.officer", "person", "show", "01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert p.returncode == q.returncode == 3
    assert p.stderr.replace(lao_id, "X") == q.stderr.replace("01ARZ3NDEKTSV4RRFFQ69G5FAV", "X")
    # a merge made in Viet Nam is in the Vietnamese supervisor's log only
    same = {"full_name": "Trần Văn Bình", "birth_date": "1988-04-05", "sex": "M", "nationality": "VNM"}
    node.ok("case", "import", "-", stdin=jsonl(
        case("M-1", "VN-22-C9001", persons=[dict(same, ref="P1", role="suspect")]),
        case("M-2", "VN-22-C9002", persons=[dict(same, ref="P1", role="suspect")])))
    pair = json.loads(node.ok("--as", "vn-22.supervisor", "--format", "json", "person", "duplicates"))[0]
    node.ok("--as", "vn-22.supervisor", "person", "merge", pair["a"], pair["b"])
    log = json.loads(node.ok("--as", "vn-22.supervisor", "--format", "json", "person", "merges"))
    assert [m["survivor"] for m in log] == [pair["a"]]
    assert json.loads(node.ok("--as", "la-xi.supervisor", "--format", "json", "person", "merges")) == []
