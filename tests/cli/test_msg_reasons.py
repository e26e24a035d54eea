"""The timeline's reasons in the reader's language: escalations, the sender's
side told, the top level reached and forwards carry a code and parameters,
`msg show` renders them in --lang (else the user's country's language),
rows written before the codes existed are read back from their English text,
and a link to a record the reader may not see shows its kind only."""
import datetime
import json
import sqlite3

VN_POST = "vn-22-c9001.officer"
LA_POST = "la-xi-v0101.officer"
LA_DISTRICT = "la-xi-d01.officer"


def at(minutes):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
    return {"REDLINE_NOW": t.strftime("%Y-%m-%dT%H:%M:%SZ")}


def flash(rl, tlp="amber"):
    return json.loads(rl.ok("--format", "json", "--as", VN_POST, "msg", "send", "--to", "LA-XI-V0101",
                            "--kind", "alert", "--priority", "flash", "--tlp", tlp, "--subject", "xe",
                            "--field", "threat=drug_shipment"))


def timeline(rl, login, ident, *args):
    out = rl.ok("--format", "json", "--as", login, "msg", "show", ident, "--no-read", *args)
    return json.loads(out)["timeline"]


def test_escalation_reasons_in_four_languages(rl_demo):
    m = flash(rl_demo)
    for minutes in (16, 32, 48, 64):
        rl_demo.run("msg", "escalate", env=at(minutes), check=0)
    tl = timeline(rl_demo, LA_POST, m["id"], "--lang", "en")
    coded = [(e["what"], e["code"], e["params"]) for e in tl if e["code"]]
    assert coded[:2] == [("escalated", "ack_overdue", {"from": "LA-XI-V0101", "to": "LA-XI-D01"}),
                         ("informed", "informed", {"unit": "VN-22", "to": "LA-XI-D01"})]
    assert ("overdue", "no_level_above", {"unit": "LA-MPS", "why": "ack_overdue"}) in coded
    esc = [e for e in tl if e["what"] == "escalated"][0]
    assert esc["detail"] == "ack_overdue: LA-XI-V0101 -> LA-XI-D01"     # kept for older clients
    assert esc["text"] == "LA-XI-V0101 did not acknowledge in time: passed up to LA-XI-D01"
    want = {
        "lo": "LA-XI-V0101 ບໍ່ໄດ້ຮັບຊາບທັນເວລາ: ສົ່ງຂຶ້ນໃຫ້ LA-XI-D01",
        "vi": "LA-XI-V0101 không xác nhận đúng hạn: chuyển lên LA-XI-D01",
        "fr": "LA-XI-V0101 n'a pas accusé réception à temps : transmis à LA-XI-D01",
    }
    for lang, text in want.items():
        e = [x for x in timeline(rl_demo, LA_POST, m["id"], "--lang", lang) if x["what"] == "escalated"][0]
        assert e["text"] == text, lang
    # no --lang: the reader's country's language, in the text output too
    out = rl_demo.ok("--as", LA_POST, "msg", "show", m["id"], "--no-read")
    assert want["lo"] in out and "ack_overdue" not in out
    out = rl_demo.ok("--as", VN_POST, "msg", "show", m["id"], "--no-read")
    assert "VN-22 được thông báo việc chuyển lên LA-XI-D01" in out
    top = [e for e in timeline(rl_demo, VN_POST, m["id"], "--lang", "vi") if e["what"] == "overdue"][0]
    assert top["text"] == "LA-MPS là cấp cao nhất: không còn cấp trên để chuyển (không được xác nhận đúng hạn)"


def test_nobody_on_duty_and_forward_note(rl_demo):
    rl_demo.ok("--as", LA_POST, "duty", "off")
    m = flash(rl_demo)
    rl_demo.run("msg", "escalate", env=at(0), check=0)
    e = [x for x in timeline(rl_demo, VN_POST, m["id"], "--lang", "fr") if x["what"] == "escalated"][0]
    assert e["code"] == "nobody_on_duty"
    assert e["text"] == "personne de permanence à LA-XI-V0101 : transmis aussitôt à LA-XI-D01"
    rl_demo.ok("--as", LA_POST, "duty", "on")
    m2 = flash(rl_demo, tlp="green")
    rl_demo.ok("--as", LA_POST, "msg", "forward", m2["id"], "--to", "LA-XI-D01", "--note", "ເບິ່ງດ່ວນ")
    f = [x for x in timeline(rl_demo, LA_POST, m2["id"], "--lang", "vi") if x["what"] == "forwarded"][0]
    assert f["code"] == "forwarded_note" and f["params"] == {"to": "LA-XI-D01", "note": "ເບິ່ງດ່ວນ"}
    assert f["text"] == "đến LA-XI-D01: ເບິ່ງດ່ວນ"


def test_rows_from_before_the_codes(rl_demo):
    m = flash(rl_demo)
    rl_demo.run("msg", "escalate", env=at(16), check=0)
    con = sqlite3.connect(rl_demo.db)
    con.execute("update message_events set code = '', params = '{}'")
    con.commit()
    con.close()
    tl = timeline(rl_demo, LA_POST, m["id"], "--lang", "lo")
    esc = [e for e in tl if e["what"] == "escalated"][0]
    assert esc["code"] == "ack_overdue" and esc["params"] == {"from": "LA-XI-V0101", "to": "LA-XI-D01"}
    assert esc["text"] == "LA-XI-V0101 ບໍ່ໄດ້ຮັບຊາບທັນເວລາ: ສົ່ງຂຶ້ນໃຫ້ LA-XI-D01"
    inf = [e for e in tl if e["what"] == "informed"][0]
    assert inf["code"] == "informed" and inf["text"] == "VN-22 ໄດ້ຮັບແຈ້ງການສົ່ງຂຶ້ນໃຫ້ LA-XI-D01"
    sent = [e for e in tl if e["what"] == "sent"][0]
    assert sent["code"] == "" and sent["text"] == ""


def test_link_to_a_record_the_reader_may_not_see(rl_demo):
    m = flash(rl_demo)
    rl_demo.ok("--as", VN_POST, "msg", "link", m["id"], "--notice", "DEMO-VN-0003")
    mine = [e for e in timeline(rl_demo, VN_POST, m["id"], "--lang", "en") if e["what"] == "linked"][0]
    assert mine["code"] == "linked" and mine["text"] == "Notice DEMO-VN-0003"
    assert mine["params"]["ref"] == "DEMO-VN-0003"
    theirs = [e for e in timeline(rl_demo, LA_POST, m["id"], "--lang", "lo") if e["what"] == "linked"][0]
    assert theirs["code"] == "linked_hidden" and theirs["params"] == {"kind": "notice"}
    assert theirs["text"] == "ແຈ້ງການ" and "DEMO-VN-0003" not in json.dumps(theirs)


def test_close_and_attach_reasons_in_four_languages(rl_demo, tmp_path):
    """"closed" and "attached" carry a code too (issue #4): the note and
    file name as written, the sentence around them in the reader's language."""
    m = flash(rl_demo)
    f = tmp_path / "bản đồ.jpg"
    f.write_bytes(b"\xff\xd8" + b"x" * 998)
    big = tmp_path / "ảnh.jpg"
    big.write_bytes(b"y" * 3000)
    rl_demo.ok("--as", VN_POST, "msg", "attach", m["id"], str(f), "--type", "image/jpeg")
    rl_demo.ok("--as", VN_POST, "msg", "attach", m["id"], str(big))
    rl_demo.ok("--as", VN_POST, "msg", "close", m["id"], "--note", "đã bắt giữ")
    m2 = flash(rl_demo)
    rl_demo.ok("--as", VN_POST, "msg", "close", m2["id"])
    want = {
        "vi": ("bản đồ.jpg (1 KB)", "ghi chú: đã bắt giữ", "không chờ trả lời thêm"),
        "lo": ("bản đồ.jpg (1 KB)", "ໝາຍເຫດ: đã bắt giữ", "ບໍ່ລໍຖ້າຄຳຕອບອີກ"),
        "en": ("bản đồ.jpg (1 KB)", "note: đã bắt giữ", "no more replies expected"),
        "fr": ("bản đồ.jpg (1 Ko)", "note : đã bắt giữ", "plus de réponse attendue"),
    }
    for lang, (att, note, bare) in want.items():
        tl = timeline(rl_demo, LA_POST, m["id"], "--lang", lang)
        a = [e for e in tl if e["what"] == "attached"][0]
        assert (a["code"], a["params"], a["text"]) == ("attached", {"file": "bản đồ.jpg", "size": 1000}, att)
        assert a["detail"] == "bản đồ.jpg"                 # kept for older clients
        b = [e for e in tl if e["what"] == "attached"][1]
        assert b["text"] == "ảnh.jpg (3 %s)" % ("Ko" if lang == "fr" else "KB")
        c = [e for e in tl if e["what"] == "closed"][0]
        assert (c["code"], c["params"], c["text"]) == ("closed_note", {"note": "đã bắt giữ"}, note)
        assert c["detail"] == "đã bắt giữ"
        c2 = [e for e in timeline(rl_demo, VN_POST, m2["id"], "--lang", lang) if e["what"] == "closed"][0]
        assert (c2["code"], c2["params"], c2["text"]) == ("closed", {}, bare)
    # The text output shows them in the reader's language.
    out = rl_demo.ok("--as", LA_POST, "msg", "show", m["id"], "--no-read")
    assert want["lo"][0] in out and want["lo"][1] in out
    # Rows written before these codes: a close is read back from its detail.
    con = sqlite3.connect(rl_demo.db)
    con.execute("update message_events set code = '', params = '{}' where what in ('closed', 'attached')")
    con.commit()
    con.close()
    tl = timeline(rl_demo, LA_POST, m["id"], "--lang", "fr")
    a = [e for e in tl if e["what"] == "attached"][0]       # (no size to show: the name as written)
    assert (a["code"], a["params"], a["text"]) == ("", {}, "bản đồ.jpg")
    c = [e for e in tl if e["what"] == "closed"][0]
    assert (c["code"], c["text"]) == ("closed_note", "note : đã bắt giữ")
    c2 = [e for e in timeline(rl_demo, VN_POST, m2["id"], "--lang", "vi") if e["what"] == "closed"][0]
    assert (c2["code"], c2["text"]) == ("closed", "không chờ trả lời thêm")
