"""`redline notice`, `redline screen`, `redline checkpoint`: the notice life
cycle, who sees what, validation, imports, screening (the demo case: a Lao
checkpoint finds the Vietnamese wanted notice for Nguyễn Văn Long and does
not flag his namesakes), manifests, hits and checkpoint counters."""
import json
import sqlite3

LA_CP = "la-xi-v0102.checkpoint"
VN_CP = "vn-22-c9001.checkpoint"
VN_SUP = "vn-22.supervisor"
LA_SUP = "la-xi.supervisor"
VN_OFF = "vn-22-c9001.officer"


def screen(rl, login, *args):
    return json.loads(rl.ok("--format", "json", "--as", login, "screen", *args))


def notices(rl, *args, login=None):
    pre = ("--as", login) if login else ()
    return {n["ref"]: n for n in json.loads(rl.ok("--format", "json", *pre, "notice", "list", *args))}


def count_notices(rl):
    con = sqlite3.connect(rl.db)
    try:
        return con.execute("select count(*) from notices").fetchone()[0]
    finally:
        con.close()


def test_demo_lao_checkpoint_finds_long_and_not_his_namesakes(rl_demo):
    got = screen(rl_demo, LA_CP, "--name", "NGUYEN VAN LONG", "--birth", "1985-03-12")
    assert got, "the wanted notice must be found"
    assert got[0]["notice"] == "DEMO-VN-0001"
    assert got[0]["action"] == "arrest"
    assert float(got[0]["score"]) >= 0.7
    assert got[0]["why"]
    # Namesakes born on clearly other dates are not flagged.
    for birth in ("1962-07-30", "1990-05-05", "2001-12-24"):
        got = screen(rl_demo, LA_CP, "--name", "Nguyễn Văn Long", "--birth", birth)
        assert "DEMO-VN-0001" not in [c["notice"] for c in got], birth


def test_own_country_notice_invisible_to_lao_users(rl_demo):
    # DEMO-VN-0003 is shared with own_country only.
    assert screen(rl_demo, LA_CP, "--name", "Tran Quoc Hung", "--birth", "1990-11-02") == []
    got = screen(rl_demo, VN_CP, "--name", "Tran Quoc Hung", "--birth", "1990-11-02")
    assert got[0]["notice"] == "DEMO-VN-0003"
    p = rl_demo.run("--as", LA_SUP, "notice", "show", "DEMO-VN-0003")
    assert p.returncode == 3 and "no such notice" in p.stderr
    assert "DEMO-VN-0003" not in notices(rl_demo, login=LA_SUP)
    assert "DEMO-VN-0001" in notices(rl_demo, login=LA_SUP)
    assert "DEMO-VN-0003" in notices(rl_demo, login=VN_SUP)
    # A draft is seen by its unit's line only.
    assert "DEMO-VN-0005" not in notices(rl_demo, "--state", "draft", login=LA_SUP)
    assert "DEMO-VN-0005" in notices(rl_demo, "--state", "draft", login=VN_SUP)


def test_approval_life_cycle(rl_demo):
    out = rl_demo.ok("--as", VN_OFF, "notice", "add", "--kind", "wanted", "--name", "Hoàng Văn Bảy",
                     "--birth", "1977-08-15", "--sex", "M", "--nationality", "VNM",
                     "--sharing", "both", "--ref", "T-0001")
    assert "drafted notice T-0001" in out
    # Drafts are not screened.
    assert screen(rl_demo, LA_CP, "--name", "Hoang Van Bay", "--birth", "1977-08-15") == []
    # An officer cannot approve; the other country cannot even see it.
    p = rl_demo.run("--as", VN_OFF, "notice", "approve", "T-0001")
    assert p.returncode == 5, p.stderr
    p = rl_demo.run("--as", LA_SUP, "notice", "approve", "T-0001")
    assert p.returncode == 3, p.stderr
    assert "approved notice T-0001" in rl_demo.ok("--as", VN_SUP, "notice", "approve", "T-0001")
    assert notices(rl_demo, login=VN_SUP)["T-0001"]["state"] == "active"
    got = screen(rl_demo, LA_CP, "--name", "Hoang Van Bay", "--birth", "1977-08-15")
    assert [c["notice"] for c in got][:1] == ["T-0001"]
    p = rl_demo.run("--as", VN_SUP, "notice", "approve", "T-0001")
    assert p.returncode == 4 and "active" in p.stderr
    rl_demo.ok("--as", VN_SUP, "notice", "withdraw", "T-0001", "--reason", "arrested elsewhere")
    assert screen(rl_demo, LA_CP, "--name", "Hoang Van Bay", "--birth", "1977-08-15") == []
    shown = json.loads(rl_demo.ok("--format", "json", "--as", VN_SUP, "notice", "show", "T-0001"))[0]
    assert shown["state"] == "withdrawn" and shown["end_reason"] == "arrested elsewhere"
    assert shown["approved_by"] == "user:" + VN_SUP
    audit = rl_demo.ok("--format", "json", "audit", "list", "--action", "notice.", "--limit", "1000")
    for action in ("notice.add", "notice.approve", "notice.withdraw", "notice.read"):
        assert action in audit


def test_bad_input_is_refused_and_nothing_stored(rl_demo):
    before = count_notices(rl_demo)
    cases = [
        (["--name", ""], "full_name is empty"),
        (["--name", "x" * 201], "longer than 200"),
        (["--name", "Nguy\udcffen"], "not valid UTF-8"),
        (["--name", "A B", "--birth", "1990-02-30"], "not a real date"),
        (["--name", "A B", "--birth", "1990-13"], "not a real date"),
        (["--name", "A B", "--birth", "2999"], "in the future"),
        (["--name", "A B", "--birth", "12-03-1985"], "not YYYY"),
        (["--name", "A B", "--nationality", "XYZ"], "unknown nationality"),
        (["--name", "A B", "--sex", "Q"], "sex"),
        (["--name", "A B", "--tlp", "PURPLE"], "unknown tlp"),
        (["--name", "A B", "--valid-from", "2026-05-01", "--valid-to", "2026-04-01"], "before valid_from"),
    ]
    for args, msg in cases:
        p = rl_demo.run("--as", VN_OFF, "notice", "add", "--kind", "wanted", *args)
        assert p.returncode == 1, (args, p.stderr)
        assert msg in p.stderr, (args, p.stderr)
    p = rl_demo.run("--as", VN_OFF, "notice", "add", "--kind", "vehicle")
    assert p.returncode == 1 and "plate" in p.stderr
    p = rl_demo.run("--as", VN_OFF, "notice", "add", "--kind", "kidnapper", "--name", "A")
    assert p.returncode == 1 and "unknown kind" in p.stderr
    # A checkpoint user may not issue notices.
    p = rl_demo.run("--as", VN_CP, "notice", "add", "--kind", "wanted", "--name", "A B")
    assert p.returncode == 5
    assert count_notices(rl_demo) == before
    # Partial birth dates and lower-case codes are fine.
    rl_demo.ok("--as", VN_OFF, "notice", "add", "--kind", "missing", "--name", "Lò Văn Sáng",
               "--birth", "2010-04", "--nationality", "lao", "--sex", "male")
    assert count_notices(rl_demo) == before + 1


GOOD = ("ref,kind,full_name,aliases,birth_date,sex,nationality,document_no\n"
        "I-1,wanted,Vàng A Dế,Vang A De|Va De,1980-01-02,M,VNM,B1234567\n"
        "I-2,missing,Lò Thị Hoa,,2005-06,F,VNM,\n"
        "I-3,fugitive,\"Sithong, Bounmy\",,1975,M,LAO,P123\n")


def test_import_is_idempotent(rl_demo, tmp_path):
    f = tmp_path / "n.csv"
    f.write_text(GOOD)
    out = rl_demo.ok("notice", "import", str(f), "--unit", "VN-22", "--sharing", "both")
    assert "3 added, 0 updated, 0 unchanged" in out
    out = rl_demo.ok("notice", "import", str(f), "--unit", "VN-22", "--sharing", "both")
    assert "0 added, 0 updated, 3 unchanged" in out
    n = notices(rl_demo, login=VN_SUP)
    assert n["I-1"]["state"] == "active" and n["I-1"]["aliases"] == "Vang A De|Va De"
    assert n["I-2"]["birth_date"] == "2005-06" and n["I-3"]["name"] == "Sithong, Bounmy"
    # A changed row updates the subject.
    f.write_text(GOOD.replace("1980-01-02", "1980-01-03"))
    assert "1 updated" in rl_demo.ok("notice", "import", str(f), "--unit", "VN-22")
    assert notices(rl_demo, login=VN_SUP)["I-1"]["birth_date"] == "1980-01-03"
    # Imported notices are screened at once.
    got = screen(rl_demo, LA_CP, "--name", "VANG A DE", "--birth", "1980-01-03")
    assert got[0]["notice"] == "I-1"
    # One audit record per import.
    audit = json.loads(rl_demo.ok("--format", "json", "audit", "list", "--action", "notice.import"))
    assert len(audit) == 3


def test_import_reports_every_bad_line_and_stores_nothing(rl_demo, tmp_path):
    before = count_notices(rl_demo)
    f = tmp_path / "bad.csv"
    f.write_text(GOOD +
                 "B-1,wanted,Nguyễn Văn Xa,,1985-02-30,M,VNM,\n"     # line 5
                 "B-2,wanted,Trần Văn Yên,,1985,M,ZZZ,\n"            # line 6
                 "B-3,wanted,,,1985,M,VNM,\n"                        # line 7
                 "B-4,wanted,Lê Văn Z,,2999-01-01,M,VNM,\n"          # line 8
                 "B-5,wanted,only three\n")                          # line 9
    p = rl_demo.run("notice", "import", str(f), "--unit", "VN-22")
    assert p.returncode == 1
    for line, why in ((5, "not a real date"), (6, "unknown nationality"), (7, "full_name is empty"),
                      (8, "in the future"), (9, "expected 8 fields")):
        assert f"line {line}: " in p.stderr and why in p.stderr, (line, p.stderr)
    assert "line 2:" not in p.stderr
    assert "nothing imported" in p.stderr
    assert count_notices(rl_demo) == before
    out = rl_demo.ok("notice", "import", str(f), "--unit", "VN-22", "--skip-bad")
    assert "3 added" in out and "5 bad lines skipped" in out
    assert count_notices(rl_demo) == before + 3


def test_import_header_and_drafts(rl_demo, tmp_path):
    f = tmp_path / "h.csv"
    f.write_text("ref,kind,name\nX,wanted,A\n")
    p = rl_demo.run("notice", "import", str(f))
    assert p.returncode == 1 and "line 1: unknown column 'name'" in p.stderr
    f.write_text(GOOD)
    p = rl_demo.run("--as", VN_OFF, "notice", "import", str(f))
    assert p.returncode == 5 and "--draft" in p.stderr
    assert "3 added" in rl_demo.ok("--as", VN_OFF, "notice", "import", str(f), "--draft")
    assert notices(rl_demo, "--state", "draft", login=VN_SUP)["I-1"]["state"] == "draft"


def test_export_round_trip(rl_demo, tmp_path):
    out = rl_demo.ok("--as", VN_SUP, "notice", "export")
    lines = out.splitlines()
    assert lines[0].startswith("ref,kind,full_name,aliases,birth_date,sex,nationality,document_no")
    assert any(line.startswith("DEMO-VN-0001,wanted,Nguyễn Văn Long") for line in lines)
    la = rl_demo.ok("--as", LA_SUP, "notice", "export")
    assert "DEMO-VN-0003" not in la and "DEMO-VN-0001" in la
    # The export loads back unchanged.
    f = tmp_path / "e.csv"
    f.write_text("\n".join(l for l in lines if l.startswith(("ref,", "DEMO-VN-0001", "DEMO-VN-0002"))) + "\n")
    assert "2 unchanged" in rl_demo.ok("notice", "import", str(f), "--unit", "VN-22")


def test_manifest_screening(rl_demo, tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("ref,full_name,birth_date,sex,nationality,document_no\n"
                 "P1,NGUYEN VAN LONG,1985-03-12,M,VNM,\n"
                 "P2,Nguyễn Văn Long,1962-07-30,M,VNM,\n"
                 "P3,Somchai Keo,1990-01-01,M,LAO,\n"
                 "P4,Bad Date,1990-02-31,M,VNM,\n"
                 "P5,Lo Thi Mai,2006-07-19,F,VNM,\n")
    p = rl_demo.run("--as", LA_CP, "screen", str(f))
    assert p.returncode == 1
    assert "line 5: " in p.stderr and "not a real date" in p.stderr
    rows = [json.loads(l) for l in p.stdout.splitlines()]
    by = {r["ref"]: r["hits"] for r in rows}
    assert set(by) == {"P1", "P2", "P3", "P5"}
    assert by["P1"][0]["notice"] == "DEMO-VN-0001" and 0 <= by["P1"][0]["score"] <= 1
    assert "DEMO-VN-0001" not in [h["notice"] for h in by["P2"]]
    assert by["P3"] == []
    assert by["P5"][0]["notice"] == "DEMO-VN-0002"
    stats = json.loads(rl_demo.ok("--format", "json", "--as", LA_CP, "checkpoint", "stats"))
    assert stats[0]["unit"] == "LA-XI-V0102" and stats[0]["persons"] == "4"


def test_plate_screening(rl_demo):
    got = screen(rl_demo, LA_CP, "--plate", "37c 123 45")
    assert got[0]["notice"] == "DEMO-VN-0004" and got[0]["action"] == "seize"
    assert screen(rl_demo, LA_CP, "--plate", "37C-999.99") == []
    stats = json.loads(rl_demo.ok("--format", "json", "--as", LA_CP, "checkpoint", "stats"))
    assert stats[0]["vehicles"] == "2" and stats[0]["persons"] == "0"


def test_hit_recording_and_stats(rl_demo):
    screen(rl_demo, LA_CP, "--name", "NGUYEN VAN LONG", "--birth", "1985-03-12")
    out = rl_demo.ok("--as", LA_CP, "screen", "--record-hit", "DEMO-VN-0001", "--score", "0.97",
                     "--name", "NGUYEN VAN LONG", "--birth", "1985-03-12", "--note", "counter 2")
    assert "recorded hit" in out and "notice now hit" in out
    assert "notified VN-22 by FLASH message" in out
    # The issuing unit has the FLASH alert in its hotline inbox.
    inbox = json.loads(rl_demo.ok("--format", "json", "--as", VN_SUP, "msg", "inbox"))
    flash = [m for m in inbox if "DEMO-VN-0001" in m["subject"]]
    assert flash and flash[0]["priority"] == "flash" and flash[0]["from"] == "LA-XI-V0102"
    hits = json.loads(rl_demo.ok("--format", "json", "--as", VN_SUP, "notice", "hits", "DEMO-VN-0001"))
    assert len(hits) == 1 and hits[0]["checkpoint"] == "LA-XI-V0102" and hits[0]["action_taken"] == "arrested"
    assert json.loads(hits[0]["screened"])["name"] == "NGUYEN VAN LONG"
    con = sqlite3.connect(rl_demo.db)
    to = con.execute("select u.code, h.sent_at != '' from hit_notifications h"
                     " join units u on u.id = h.to_unit_id").fetchall()
    con.close()
    assert to == [("VN-22", 1)]
    # The operator (no user) records it too, but the notification waits.
    out = rl_demo.ok("screen", "--record-hit", "DEMO-LA-0001", "--unit", "VN-22-C9001",
                     "--action-taken", "not_confirmed")
    assert "pending" in out and "--as" in out
    # The notice left screening; a second hit is a conflict.
    assert screen(rl_demo, LA_CP, "--name", "NGUYEN VAN LONG", "--birth", "1985-03-12") == []
    p = rl_demo.run("--as", LA_CP, "screen", "--record-hit", "DEMO-VN-0001")
    assert p.returncode == 4
    # A discreet check keeps the notice active.
    rl_demo.ok("--as", LA_CP, "screen", "--record-hit", "DEMO-VN-0002", "--action-taken", "informed")
    assert notices(rl_demo, login=VN_SUP)["DEMO-VN-0002"]["state"] == "active"
    p = rl_demo.run("--as", LA_CP, "screen", "--record-hit", "DEMO-VN-0003")
    assert p.returncode == 3   # not visible to Laos
    p = rl_demo.run("--as", LA_CP, "screen", "--record-hit", "DEMO-VN-0002", "--action-taken", "shot")
    assert p.returncode == 1 and "unknown action taken" in p.stderr
    stats = json.loads(rl_demo.ok("--format", "json", "checkpoint", "stats", "--unit", "LA-XI-V0102"))
    assert stats[0]["hits"] == "2" and stats[0]["persons"] == "2"
    # Checkpoint users see only their own unit's counters.
    p = rl_demo.run("--as", LA_CP, "checkpoint", "stats", "--unit", "VN-22-C9001")
    assert p.returncode == 5
    p = rl_demo.run("checkpoint", "stats", "--from", "2026-13-01")
    assert p.returncode == 1


def test_threshold_setting(rl_demo):
    assert 0 < float(rl_demo.ok("checkpoint", "threshold")) <= 1   # the matcher's default
    p = rl_demo.run("--as", LA_CP, "checkpoint", "threshold", "0.5")
    assert p.returncode == 5
    p = rl_demo.run("checkpoint", "threshold", "1.5")
    assert p.returncode == 1
    rl_demo.ok("checkpoint", "threshold", "0.95")
    assert rl_demo.ok("checkpoint", "threshold").strip() == "0.950"


def test_screen_bad_queries(rl_demo):
    for args, msg in ((["--name", "A", "--birth", "1990-02-30"], "not a real date"),
                      (["--name", "A", "--nationality", "QQQ"], "unknown nationality"),
                      (["--name", "Nguy\udcffen"], "UTF-8"),
                      (["--name", "x" * 300], "longer than")):
        p = rl_demo.run("--as", LA_CP, "screen", *args)
        assert p.returncode == 1 and msg in p.stderr, (args, p.stderr)
    p = rl_demo.run("--as", LA_CP, "screen")
    assert p.returncode == 2
    p = rl_demo.run("--as", "admin", "screen", "--name", "A")
    assert p.returncode == 5


def test_manifest_broken_csv_and_header(rl_demo, tmp_path):
    f = tmp_path / "q.csv"
    f.write_text('ref,full_name\n"P1,unterminated\n')
    p = rl_demo.run("--as", LA_CP, "screen", str(f))
    assert p.returncode == 1 and "line 2: unterminated" in p.stderr and p.stdout == ""
    f.write_text("ref,name\nP1,A\n")
    p = rl_demo.run("--as", LA_CP, "screen", str(f))
    assert p.returncode == 1 and "unknown column 'name'" in p.stderr
    f.write_bytes(b"ref,full_name\nP1,Nguy\xffen\nP2,Somsak Phommavong\n")
    p = rl_demo.run("--as", LA_CP, "screen", str(f))
    assert p.returncode == 1 and "line 2: " in p.stderr
    assert [json.loads(l)["ref"] for l in p.stdout.splitlines()] == ["P2"]


CASES_JSONL = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in [
    {"ref": "VN-22-2026-000001", "country": "VNM", "unit": "VN-22", "category": "drug_trafficking",
     "opened": "2026-01-05", "status": "open"},
    {"ref": "VN-05-2026-000001", "country": "VNM", "unit": "VN-05", "category": "drug_trafficking",
     "opened": "2026-01-05", "status": "open"},
    {"ref": "SAME-1", "country": "VNM", "unit": "VN-22", "category": "drug_trafficking",
     "opened": "2026-01-05", "status": "open"},
    {"ref": "SAME-1", "country": "LAO", "unit": "LA-XI", "category": "drug_trafficking",
     "opened": "2026-01-05", "status": "open"},
])


def count_rows(rl, table):
    con = sqlite3.connect(rl.db)
    try:
        return con.execute("select count(*) from " + table).fetchone()[0]
    finally:
        con.close()


def test_link_needs_a_case_the_user_may_read(rl_demo, tmp_path):
    f = tmp_path / "cases.jsonl"
    f.write_text(CASES_JSONL, encoding="utf-8")
    rl_demo.ok("case", "import", str(f))
    before = (count_rows(rl_demo, "notice_links"), count_rows(rl_demo, "audit"))
    # Unknown cases, a case out of the supervisor's scope (another province)
    # and an ambiguous ref are refused, and nothing is stored.
    for spec, code, msg in [("NO-SUCH-CASE", 3, "unknown case 'NO-SUCH-CASE'"),
                            ("VNM/NO-SUCH-CASE", 3, "unknown case"),
                            ("XX/VN-22-2026-000001", 3, "unknown case"),
                            ("01ARZ3NDEKTSV4RRFFQ69G5FAV", 3, "unknown case"),
                            ("VN-05-2026-000001", 3, "unknown case 'VN-05-2026-000001'"),
                            ("", 1, "case is empty"),
                            ("VNM/\x01", 1, "control character")]:
        p = rl_demo.run("--as", VN_SUP, "notice", "link", "DEMO-VN-0001", "--case", spec)
        assert p.returncode == code and msg in p.stderr, (spec, p.returncode, p.stderr)
    # A checkpoint user reads no cases; an officer of the commune cannot
    # change a notice of the province.
    p = rl_demo.run("--as", VN_CP, "notice", "link", "DEMO-VN-0001", "--case", "VN-22-2026-000001")
    assert p.returncode in (3, 5), p.stderr
    p = rl_demo.run("--as", VN_OFF, "notice", "link", "DEMO-VN-0001", "--case", "VN-22-2026-000001")
    assert p.returncode in (3, 5), p.stderr
    assert (count_rows(rl_demo, "notice_links"), count_rows(rl_demo, "audit")) == before
    # The supervisor links a case of their province, by ref or COUNTRY/REF:
    # the same case twice is a conflict.
    assert "linked notice DEMO-VN-0001" in rl_demo.ok("--as", VN_SUP, "notice", "link", "DEMO-VN-0001",
                                                      "--case", "VN-22-2026-000001")
    p = rl_demo.run("--as", VN_SUP, "notice", "link", "DEMO-VN-0001", "--case", "VNM/VN-22-2026-000001")
    assert p.returncode == 4 and "already linked" in p.stderr
    # SAME-1 exists in both countries, but the Lao one is out of scope: the
    # ref names the Vietnamese one for this supervisor, and only the
    # operator, who reads both, must say which.
    p = rl_demo.run("notice", "link", "DEMO-VN-0001", "--case", "SAME-1")
    assert p.returncode == 1 and "VNM/SAME-1 or LAO/SAME-1" in p.stderr, p.stderr
    rl_demo.ok("--as", VN_SUP, "notice", "link", "DEMO-VN-0001", "--case", "SAME-1")
    shown = json.loads(rl_demo.ok("--format", "json", "--as", VN_SUP, "notice", "show", "DEMO-VN-0001"))[0]
    assert shown["links"] == "case VNM/VN-22-2026-000001, case VNM/SAME-1"
    audit = json.loads(rl_demo.ok("--format", "json", "audit", "list", "--action", "notice.link"))
    assert len(audit) == 2
    # The operator (system) may link any case, by the case's id too.
    con = sqlite3.connect(rl_demo.db)
    case_id = con.execute("select id from cases where ref = 'VN-05-2026-000001'").fetchone()[0]
    con.close()
    rl_demo.ok("notice", "link", "DEMO-VN-0001", "--case", case_id)
    assert "case VNM/VN-05-2026-000001" in rl_demo.ok("notice", "show", "DEMO-VN-0001")


def test_vehicle_notices_import_and_are_screened_by_plate(rl_demo, tmp_path):
    """Vehicle notices come in through the optional plate columns, in any
    header order; a Lao plate in Lao script is found from its romanized
    form; export writes the columns and loads back unchanged."""
    f = tmp_path / "v.csv"
    f.write_text("colour,ref,kind,plate,full_name,aliases,birth_date,sex,nationality,document_no,"
                 "make,plate_country\n"
                 "white,VEH-1,vehicle,29A-123.45,,,,,,,Toyota Hilux,VNM\n"
                 "grey,VEH-2,vehicle,ກຂ 1234,,,,,,,Hyundai County,LAO\n"
                 ",P-1,wanted,,Đinh Văn Xe,,1970,M,VNM,,,\n", encoding="utf-8")
    out = rl_demo.ok("notice", "import", str(f), "--unit", "VN-22", "--sharing", "both")
    assert "3 added" in out, out
    got = screen(rl_demo, LA_CP, "--plate", "29a 12345")
    assert [c["notice"] for c in got] == ["VEH-1"] and got[0]["action"] == "seize"
    got = screen(rl_demo, VN_CP, "--plate", "KK-1234")
    assert [c["notice"] for c in got] == ["VEH-2"]
    shown = json.loads(rl_demo.ok("--format", "json", "notice", "show", "VEH-2"))[0]
    assert (shown["plate"], shown["plate_key"], shown["plate_country"], shown["make"], shown["colour"]) == \
        ("ກຂ 1234", "KK1234", "LAO", "Hyundai County", "grey")
    out = rl_demo.ok("notice", "export", "--kind", "vehicle")
    lines = out.splitlines()
    assert lines[0].startswith("ref,kind,full_name,aliases,birth_date,sex,nationality,document_no,"
                               "plate,plate_country,make,colour,")
    assert any(l.startswith("VEH-1,vehicle,,,,,,,29A-123.45,VNM,Toyota Hilux,white,seize,") for l in lines)
    e = tmp_path / "e.csv"
    e.write_text(out, encoding="utf-8")
    assert "unchanged" in rl_demo.ok("notice", "import", str(e), "--unit", "VN-22")
    assert "0 added, 0 updated" in rl_demo.ok("notice", "import", str(e), "--unit", "VN-22")
    # A changed plate is an update, screened at once under the new plate.
    f.write_text("ref,kind,full_name,aliases,birth_date,sex,nationality,document_no,plate,colour\n"
                 "VEH-1,vehicle,,,,,,,29A-555.55,white\n", encoding="utf-8")
    assert "1 updated" in rl_demo.ok("notice", "import", str(f), "--unit", "VN-22")
    assert [c["notice"] for c in screen(rl_demo, LA_CP, "--plate", "29A55555")] == ["VEH-1"]
    assert screen(rl_demo, LA_CP, "--plate", "29A12345") == []


def test_vehicle_import_bad_lines(rl_demo, tmp_path):
    before = count_notices(rl_demo)
    f = tmp_path / "v.csv"
    f.write_text("ref,kind,full_name,aliases,birth_date,sex,nationality,document_no,plate,plate_country,"
                 "make,colour\n"
                 "VB-1,vehicle,,,,,,,,VNM,Ford,red\n"          # no plate
                 "VB-2,vehicle,,,,,,,-- ..,VNM,Ford,red\n"     # no letter or digit
                 "VB-3,vehicle,,,,,,,29A-1,XX,Ford,red\n"      # unknown country
                 "VB-4,vehicle,,,,,,,29A-1,VNM,Ford,\x01\n"    # control character
                 "VB-5,vehicle,,,,,,," + "9" * 80 + ",VNM,,\n"  # too long
                 "VB-6,vehicle,,,,,,,29A-66666,VNM,Kia,blue\n", encoding="utf-8")
    p = rl_demo.run("notice", "import", str(f), "--unit", "VN-22")
    assert p.returncode == 1, p.stderr
    for line, what in ((2, "plate is missing"), (3, "no letter or digit"), (4, "plate_country"),
                       (5, "colour"), (6, "plate")):
        assert any(l.startswith("line %d: " % line) and what in l for l in p.stderr.splitlines()), \
            (line, what, p.stderr)
    assert count_notices(rl_demo) == before
    assert "1 added" in rl_demo.ok("notice", "import", str(f), "--unit", "VN-22", "--skip-bad")
