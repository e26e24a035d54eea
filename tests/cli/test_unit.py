"""`redline unit`: the directory of both countries, its history, and the
bad inputs it must refuse without changing the database."""
import json
import sqlite3


def units(rl, *args):
    return json.loads(rl.ok("--format", "json", "unit", "list", *args))


def codes(rl, *args):
    return [u["code"] for u in units(rl, *args)]


def snapshot(rl):
    """Everything the directory holds, to prove a refused command changed nothing."""
    con = sqlite3.connect(rl.db)
    try:
        out = {}
        for t in ("units", "unit_versions", "counterparts", "unit_contacts", "audit"):
            out[t] = con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
        return out
    finally:
        con.close()


def refused(rl, status, words, *args):
    before = snapshot(rl)
    p = rl.run(*args)
    assert p.returncode == status, (args, p.returncode, p.stdout, p.stderr)
    assert p.stderr.startswith("error: ") or p.stderr.startswith("redline unit"), p.stderr
    assert len(p.stderr.strip().splitlines()) == 1, p.stderr
    assert words in p.stderr, p.stderr
    assert snapshot(rl) == before
    return p


# ---- reference data and history ----

def test_init_loads_reference_directory(rl_init):
    vn = codes(rl_init, "--country", "VNM", "--level", "province", "--on", "2023-01-01")
    assert {"VN-22", "VN-24", "VN-27", "VN-28", "VN-29", "VN-DN", "VN-HN"} <= set(vn)
    lao = codes(rl_init, "--country", "LAO", "--level", "province")
    assert len(lao) == 12
    assert codes(rl_init, "--level", "ministry") == ["LA-MPS", "VN-MPS"]
    # no demo units without --demo
    assert codes(rl_init, "--demo", "yes") == []


def test_tree_before_and_after_the_2025_reform(rl_demo):
    old = rl_demo.ok("unit", "tree", "--country", "VNM", "--on", "2023-01-01")
    for name in ("Quang Binh", "Quang Nam", "Kon Tum", "Thua Thien Hue", "Ky Son"):
        assert name in old
    assert "(district" in old
    assert "LA-" not in old
    # Quang Ngai and Da Nang did not reach the border in 2023
    line = [l for l in old.splitlines() if "VN-29 " in l][0]
    assert "border" not in line
    new = rl_demo.ok("unit", "tree", "--country", "VNM", "--on", "2025-12-01")
    for name in ("Quang Binh", "Quang Nam", "Kon Tum", "Thua Thien Hue"):
        assert name not in new
    assert "(district" not in new
    for code in ("VN-29 ", "VN-DN "):
        line = [l for l in new.splitlines() if code in l][0]
        assert "(province, border)" in line
    # post-2025 communes sit directly under the province
    lines = new.splitlines()
    i = [n for n, l in enumerate(lines) if l.startswith("  VN-22 ")][0]
    assert lines[i + 1].startswith("    VN-22-C9001  Nậm Cắn")


def test_tree_json_has_depths(rl_demo):
    rows = json.loads(rl_demo.ok("--format", "json", "unit", "tree", "--country", "LAO"))
    by = {r["code"]: r for r in rows}
    assert by["LA-MPS"]["depth"] == "0"
    assert by["LA-XI-D01"]["depth"] == "2" and by["LA-XI-D01"]["parent"] == "LA-XI"
    assert by["LA-XI-V0101"]["depth"] == "3"


def test_merged_provinces_have_successors(rl_init):
    u = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-24", "--on", "2023-01-01"))
    assert u["valid_to"] == "2025-06-30" and u["successor"] == "VN-25" and u["exists"]
    u = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-24", "--on", "2025-12-01"))
    assert not u["exists"]
    u = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-29"))
    assert u["border"] and u["border_from"] == "2025-07-01"
    cps = [c["code"] for c in u["counterparts"]]
    assert cps == ["LA-AT"]


def test_counterparts_follow_dates(rl_init):
    on = lambda d: [c["code"] for c in json.loads(
        rl_init.ok("--format", "json", "unit", "show", "LA-XE", "--on", d))["counterparts"]]
    assert sorted(on("2023-01-01")) == ["VN-26", "VN-27"]
    assert sorted(on("2025-12-01")) == ["VN-26", "VN-DN"]
    assert [c["code"] for c in json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-MPS"))["counterparts"]] == ["LA-MPS"]


def test_hue_rename_is_history(rl_init):
    assert "Thừa Thiên Huế" in rl_init.ok("unit", "show", "VN-26", "--on", "2024-06-01")
    assert "name_local   Huế" in rl_init.ok("unit", "show", "VN-26", "--on", "2025-06-01")


def test_search_with_and_without_diacritics(rl_demo):
    for q in ("Nậm Cắn", "nam can", "NAM CAN", "ນ້ຳກັນ", "Ban Nam Kan"):
        got = codes(rl_demo, "--q", q)
        assert "VN-22-C9001" in got or "LA-XI-V0101" in got, q
    assert "VN-22-C9001" in codes(rl_demo, "--q", "nam can")
    assert codes(rl_demo, "--q", "no such place zzz") == []
    assert "VN-22-C0101" in codes(rl_demo, "--q", "nam can", "--on", "2024-01-01")
    assert "VN-22-C0101" not in codes(rl_demo, "--q", "nam can")
    assert "VN-22-C0101" in codes(rl_demo, "--q", "nam can", "--all")


def test_hotline_demo_chain(rl_demo):
    post = json.loads(rl_demo.ok("--format", "json", "unit", "show", "VN-22-C9001"))
    assert post["level"] == "commune" and post["parent"] == "VN-22" and post["demo"]
    cps = {c["code"]: c for c in post["counterparts"]}
    assert "LA-XI-V0101" in cps and cps["LA-XI-V0101"]["level"] == "village"
    lao = json.loads(rl_demo.ok("--format", "json", "unit", "show", "LA-XI-V0101"))
    assert lao["parent"] == "LA-XI-D01"
    assert {c["kind"] for c in lao["contacts"]} >= {"phone", "radio", "hours"}
    d = json.loads(rl_demo.ok("--format", "json", "unit", "show", "LA-XI-D01"))
    assert d["parent"] == "LA-XI" and d["name_local"] == "ເມືອງໜອງແຮດ"
    assert "LA-XI-V0102" in d["children"]
    cp = json.loads(rl_demo.ok("--format", "json", "unit", "show", "LA-XI-V0102"))
    assert "checkpoint" in cp["name_en"]
    # before 2025-07-01 the Lao post's counterpart was the old commune
    old = json.loads(rl_demo.ok("--format", "json", "unit", "show", "LA-XI-V0101", "--on", "2024-01-01"))
    assert [c["code"] for c in old["counterparts"]] == ["VN-22-C0101"]


def test_pre_reform_communes_have_successors(rl_demo):
    u = json.loads(rl_demo.ok("--format", "json", "unit", "show", "VN-22-C0103", "--on", "2024-01-01"))
    assert u["parent"] == "VN-22-D01" and u["successor"] == "VN-22-C9002" and u["valid_to"] == "2025-06-30"


# ---- writes ----

def add(rl, code, *extra, country="VNM", level="commune", parent="VN-22", name="Xã Thử"):
    args = ["unit", "add", code, "--country", country, "--level", level,
            "--name-local", name, "--name-en", "Test"]
    if parent:
        args += ["--parent", parent]
    return rl.ok(*args, *extra)


def test_add_edit_rename_keep_history(rl_init):
    add(rl_init, "VN-22-C9100", "--valid-from", "2025-07-01")
    rl_init.ok("unit", "rename", "VN-22-C9100", "--from", "2026-01-01", "--name-local", "Xã Mới")
    h = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-22-C9100"))["history"]
    assert [(x["from"], x["to"], x["name_local"]) for x in h] == [
        ("2025-07-01", "2025-12-31", "Xã Thử"), ("2026-01-01", None, "Xã Mới")]
    assert "Xã Thử" in rl_init.ok("unit", "show", "VN-22-C9100", "--on", "2025-08-01")
    rl_init.ok("unit", "edit", "VN-22-C9100", "--from", "2026-03-01", "--border", "yes")
    u = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-22-C9100", "--on", "2026-04-01"))
    assert u["border"] and u["border_from"] == "2026-03-01" and u["name_local"] == "Xã Mới"
    refused(rl_init, 1, "after the end of the unit's first history period", "unit", "edit", "VN-22-C9100",
            "--valid-from", "2026-06-01")
    actions = [e["action"] for e in json.loads(rl_init.ok("--format", "json", "audit", "list", "--record", "VN-22-C9100"))]
    assert actions == ["unit.edit", "unit.rename", "unit.add"]


def test_merge_moves_children_and_links(rl_init):
    add(rl_init, "VN-22-D07", "--valid-to", "2025-06-30", level="district", name="Huyện A")
    add(rl_init, "VN-22-D08", "--valid-to", "2025-06-30", level="district", name="Huyện B")
    add(rl_init, "VN-22-C0701", "--valid-to", "2025-06-30", parent="VN-22-D07", name="Xã Con")
    add(rl_init, "LA-XI-D07", country="LAO", level="district", parent="LA-XI", name="ເມືອງທົດລອງ")
    rl_init.ok("unit", "link", "VN-22-D07", "LA-XI-D07", "--from", "2020-01-01")
    rl_init.ok("unit", "merge", "VN-22-D07", "--into", "VN-22-D08", "--on", "2024-01-01")
    a = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-22-D07", "--on", "2023-06-01"))
    assert a["valid_to"] == "2023-12-31" and a["successor"] == "VN-22-D08"
    assert "VN-22-C0701" in a["children"]
    assert [c["code"] for c in a["counterparts"]] == ["LA-XI-D07"]
    kid = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-22-C0701", "--on", "2024-06-01"))
    assert kid["parent"] == "VN-22-D08"
    old = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-22-C0701", "--on", "2023-06-01"))
    assert old["parent"] == "VN-22-D07"
    b = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-22-D08", "--on", "2024-06-01"))
    assert [c["code"] for c in b["counterparts"]] == ["LA-XI-D07"]
    assert "VN-22-D07" not in codes(rl_init, "--on", "2024-06-01")
    assert "VN-22-D07" in codes(rl_init, "--on", "2023-06-01")


def test_dissolve_and_unlink(rl_init):
    add(rl_init, "VN-22-C9100", "--valid-from", "2025-07-01")
    refused(rl_init, 4, "still has", "unit", "dissolve", "VN-22", "--on", "2026-01-01")
    rl_init.ok("unit", "dissolve", "VN-22-C9100", "--on", "2026-01-01")
    u = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-22-C9100"))
    assert u["valid_to"] == "2025-12-31" and not u["exists"]
    rl_init.ok("unit", "unlink", "VN-22", "LA-XI", "--on", "2026-01-01")
    on = lambda d: [c["code"] for c in json.loads(
        rl_init.ok("--format", "json", "unit", "show", "VN-22", "--on", d))["counterparts"]]
    assert "LA-XI" in on("2025-12-31") and "LA-XI" not in on("2026-01-02")
    refused(rl_init, 3, "not linked", "unit", "unlink", "VN-22", "LA-XI", "--on", "2026-02-01")


def test_contacts(rl_init):
    out = rl_init.ok("unit", "contact", "add", "VN-22", "--kind", "radio", "--value", "NA-01", "--note", "night")
    cid = out.split()[-1]
    rows = json.loads(rl_init.ok("--format", "json", "unit", "contact", "list", "VN-22"))
    assert rows == [{"id": cid, "kind": "radio", "value": "NA-01", "note": "night"}]
    refused(rl_init, 1, "unknown contact kind", "unit", "contact", "add", "VN-22", "--kind", "fax", "--value", "1")
    refused(rl_init, 3, "unknown contact", "unit", "contact", "remove", "VN-22", "01AAAAAAAAAAAAAAAAAAAAAAAA")
    rl_init.ok("unit", "contact", "remove", "VN-22", cid)
    assert json.loads(rl_init.ok("--format", "json", "unit", "contact", "list", "VN-22")) == []
    refused(rl_init, 3, "unknown contact", "unit", "contact", "remove", "VN-22", cid)


# ---- bad input ----

def test_bad_inputs_change_nothing(rl_init):
    r = rl_init
    base = ["unit", "add", "VN-22-C9100", "--country", "VNM", "--level", "commune", "--name-en", "X"]
    refused(r, 3, "unknown unit 'NOPE'", "unit", "show", "NOPE")
    refused(r, 3, "unknown unit 'NOPE'", *base, "--name-local", "X", "--parent", "NOPE")
    refused(r, 1, "is a ministry", *base, "--name-local", "X", "--parent", "VN-MPS")
    refused(r, 1, "is in LAO", *base, "--name-local", "X", "--parent", "LA-XI")
    refused(r, 1, "cycle", "unit", "edit", "VN-22", "--parent", "VN-22")
    refused(r, 4, "already exists", "unit", "add", "VN-22", "--country", "VNM", "--level", "province",
            "--parent", "VN-MPS", "--name-local", "X", "--name-en", "X")
    refused(r, 1, "different countries", "unit", "link", "VN-22", "VN-23")
    refused(r, 1, "same level", "unit", "link", "VN-22", "LA-MPS")
    refused(r, 1, "not valid UTF-8", *base, "--parent", "VN-22", "--name-local", "\udcff\udcfe")
    p = refused(r, 1, "longer than", *base, "--parent", "VN-22", "--name-local", "ấ" * 70)
    refused(r, 1, "invalid date '2025-02-30'", *base, "--parent", "VN-22", "--name-local", "X",
            "--valid-from", "2025-02-30")
    refused(r, 1, "invalid date 'yesterday'", "unit", "tree", "--on", "yesterday")
    refused(r, 1, "district level ends", "unit", "add", "VN-22-D09", "--country", "VNM", "--level",
            "district", "--parent", "VN-22", "--name-local", "X", "--name-en", "X")
    refused(r, 1, "must start with 'LA-'", "unit", "add", "VN-9", "--country", "LAO", "--level", "province",
            "--parent", "LA-MPS", "--name-local", "X", "--name-en", "X")
    refused(r, 1, "unknown level", *base[:-2], "--level", "hamlet", "--name-en", "X", "--name-local", "X")
    refused(r, 1, "unknown country", "unit", "add", "TH-1", "--country", "THA", "--level", "province",
            "--name-local", "X", "--name-en", "X")
    refused(r, 1, "merge into itself", "unit", "merge", "VN-22", "--into", "VN-22", "--on", "2026-01-01")
    refused(r, 2, "merge needs --into", "unit", "merge", "VN-22", "--on", "2026-01-01")
    refused(r, 2, "unknown option", "unit", "list", "--bogus")
    refused(r, 2, "'--country' does not apply", "unit", "edit", "VN-22", "--country", "LAO")
    refused(r, 1, "nothing to change", "unit", "edit", "VN-22")


def test_name_limit_is_in_bytes(rl_init):
    ok_name = "x" * 200
    add(rl_init, "VN-22-C9100", name=ok_name)
    refused(rl_init, 1, "longer than 200", "unit", "add", "VN-22-C9101", "--country", "VNM", "--level",
            "commune", "--parent", "VN-22", "--name-local", "x" * 201, "--name-en", "X")


# ---- import ----

HEADER = "code,country,level,parent,name_local,name_en,name_other,border,valid_from,valid_to,neighbours,contacts\n"


def test_import_is_idempotent_and_updates(rl_init, tmp_path):
    f = tmp_path / "u.csv"
    f.write_text(HEADER +
                 "VN-22-C9201,VNM,commune,VN-22,Xã Một,One,,yes,2025-07-01,,LA-XI-V9201,phone=+84 1\n"
                 "LA-XI-D92,LAO,district,LA-XI,ເມືອງໜຶ່ງ,Muang One,Mường Một,yes,,,,\n"
                 "LA-XI-V9201,LAO,village,LA-XI-D92,ບ້ານໜຶ່ງ,Ban One,Bản Một,yes,,,,radio=XK-1\n",
                 encoding="utf-8")
    out = rl_init.ok("unit", "import", str(f))
    assert "3 added, 0 updated, 0 unchanged, 1 links, 2 contacts" in out
    before = snapshot(rl_init)
    out = rl_init.ok("unit", "import", str(f))
    assert "0 added, 0 updated, 3 unchanged, 0 links, 0 contacts" in out
    assert snapshot(rl_init) == before
    f.write_text(HEADER +
                 "VN-22-C9201,VNM,commune,VN-22,Xã Một,One renamed,,yes,2025-07-01,,LA-XI-V9201,phone=+84 1\n"
                 "LA-XI-D92,LAO,district,LA-XI,ເມືອງໜຶ່ງ,Muang One,Mường Một,yes,,,,\n",
                 encoding="utf-8")
    out = rl_init.ok("unit", "import", str(f))
    assert "0 added, 1 updated, 1 unchanged" in out
    u = json.loads(rl_init.ok("--format", "json", "unit", "show", "VN-22-C9201"))
    assert u["name_en"] == "One renamed"
    assert [c["code"] for c in u["counterparts"]] == ["LA-XI-V9201"]


def test_import_reference_csv_twice_changes_nothing(rl_init, tmp_path):
    import os
    ref = os.path.join(os.path.dirname(__file__), "..", "..", "data", "reference_units.csv")
    before = snapshot(rl_init)
    out = rl_init.ok("unit", "import", ref)
    assert "0 added, 0 updated" in out
    assert snapshot(rl_init) == before


def test_import_is_all_or_nothing(rl_init, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(HEADER +
                 "VN-22-C9201,VNM,commune,VN-22,Xã Một,One,,yes,2025-07-01,,,\n"
                 "VN-22-C9202,VNM,commune,VN-22,Xã Hai,Two,,maybe,2025-07-01,,,\n", encoding="utf-8")
    refused(rl_init, 1, "line 3: border must be yes or no", "unit", "import", str(f))
    f.write_text(HEADER + "VN-22-C9201,VNM,commune,VN-22,Xã Một,One\n", encoding="utf-8")
    refused(rl_init, 1, "line 2: expected 12 fields", "unit", "import", str(f))
    f.write_bytes(HEADER.encode() + b"VN-22-C9201,VNM,commune,VN-22,X\xff,One,,yes,,,,\n")
    refused(rl_init, 1, "line 2", "unit", "import", str(f))
    f.write_text(HEADER +
                 "VN-22-C9201,VNM,commune,VN-22,Xã Một,One,,yes,2025-07-01,,,\n"
                 "VN-22-C9202,VNM,commune,VN-22,Xã Hai,Two,,yes,2025-07-01,,VN-23,\n", encoding="utf-8")
    refused(rl_init, 1, "line 3: counterparts must be in different countries", "unit", "import", str(f))
    f.write_text(HEADER + "VN-22-C9201,VNM,commune,NOPE,Xã Một,One,,yes,2025-07-01,,,\n", encoding="utf-8")
    refused(rl_init, 3, "line 2: unknown unit 'NOPE'", "unit", "import", str(f))
    f.write_text(HEADER + "VN-22-C9201,VNM,commune,VN-22,Xã Một,One,,yes,2025-13-01,,,\n", encoding="utf-8")
    refused(rl_init, 1, "line 2: invalid date '2025-13-01'", "unit", "import", str(f))
    f.write_text("code,country,colour\n", encoding="utf-8")
    refused(rl_init, 1, "unknown column 'colour'", "unit", "import", str(f))
    f.write_text(HEADER + "VN-22,VNM,province,VN-MPS,Nghệ An,Nghe An,,yes,,,,\n"
                 "VN-22,VNM,province,VN-MPS,Nghệ An,Nghe An,,yes,,,,\n", encoding="utf-8")
    refused(rl_init, 1, "line 3: code 'VN-22' appears twice", "unit", "import", str(f))
    refused(rl_init, 3, "cannot open", "unit", "import", str(tmp_path / "missing.csv"))


def test_writes_are_audited(rl_init):
    rl_init.ok("unit", "contact", "add", "LA-XI", "--kind", "phone", "--value", "+856 61 1")
    p = rl_init.ok("audit", "verify")
    assert "intact" in p
    acts = [e["action"] for e in json.loads(rl_init.ok("--format", "json", "audit", "list", "--action", "unit."))]
    assert acts[0] == "unit.contact.add"


def test_search_by_code(rl_demo):
    assert codes(rl_demo, "--q", "la-xi-v01") == ["LA-XI-V0101", "LA-XI-V0102", "LA-XI-V0103"]


def test_import_moves_a_unit_and_keeps_history(rl_init, tmp_path):
    f = tmp_path / "u.csv"
    rows = ("LA-XI-D92,LAO,district,LA-XI,ເມືອງໜຶ່ງ,Muang One,,yes,,,,\n"
            "LA-XI-D93,LAO,district,LA-XI,ເມືອງສອງ,Muang Two,,yes,,,,\n")
    f.write_text(HEADER + rows + "LA-XI-V9201,LAO,village,LA-XI-D92,ບ້ານໜຶ່ງ,Ban One,,yes,,,,\n", encoding="utf-8")
    rl_init.ok("unit", "import", str(f), "--on", "2024-01-01")
    f.write_text(HEADER + rows + "LA-XI-V9201,LAO,village,LA-XI-D93,ບ້ານໜຶ່ງ,Ban One,,yes,,,,\n", encoding="utf-8")
    out = rl_init.ok("unit", "import", str(f), "--on", "2025-03-01")
    assert "1 updated, 2 unchanged" in out
    on = lambda d: json.loads(rl_init.ok("--format", "json", "unit", "show", "LA-XI-V9201", "--on", d))["parent"]
    assert on("2025-02-28") == "LA-XI-D92" and on("2025-03-01") == "LA-XI-D93"
    # a row without a parent keeps the unit where it is
    f.write_text(HEADER + "LA-XI-V9201,LAO,village,,ບ້ານໜຶ່ງ,Ban One,,yes,,,,\n", encoding="utf-8")
    assert "1 unchanged" in rl_init.ok("unit", "import", str(f))


def test_import_accepts_the_reference_format(rl_init, tmp_path):
    """The columns of the reference list as published (no level or parent:
    provinces under their country's ministry)."""
    f = tmp_path / "ref.csv"
    f.write_text("code,country,name_en,name_vi,name_lo,border,border_from,neighbours,valid_from,valid_to,successor\n"
                 "VN-24,VNM,Quang Binh,Quảng Bình,,yes,,LA-KH|LA-SV,,2025-06-30,VN-25\n"
                 "VN-29,VNM,Quang Ngai,Quảng Ngãi,,yes,2025-07-01,LA-AT,,,\n"
                 "LA-ZZ,LAO,Testprovince,Tỉnh thử,ແຂວງທົດລອງ,yes,,VN-29,,,\n", encoding="utf-8")
    out = rl_init.ok("unit", "import", str(f))
    assert "1 added, 0 updated, 2 unchanged, 1 links" in out
    u = json.loads(rl_init.ok("--format", "json", "unit", "show", "LA-ZZ"))
    assert u["parent"] == "LA-MPS" and u["name_local"] == "ແຂວງທົດລອງ" and u["name_other"] == "Tỉnh thử"
    assert [c["code"] for c in u["counterparts"]] == ["VN-29"]
    assert [c["valid_from"] for c in u["counterparts"]] == ["2025-07-01"]
