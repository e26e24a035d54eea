"""The timeline over the API: each step's reason as `code` and `params` next
to the English `detail` older clients read, and `text` rendered in ?lang."""

DEMO_PW = "redline-demo"


def signed_in(server, login):
    c = server.client()
    r = c.post("/api/v1/session", {"login": login, "password": DEMO_PW})
    assert r.status == 200, r
    c.csrf = r.json["csrf_token"]
    return c


def test_escalation_reason_code_and_text(fresh_server):
    vn = signed_in(fresh_server, "vn-22-c9001.officer")
    r = vn.post("/api/v1/messages", {"to": ["LA-XI-V0101"], "kind": "alert", "priority": "flash",
                                     "subject": "xe", "fields": {"threat": "weapons"}})
    assert r.status == 201, r
    mid = r.json["id"]
    assert fresh_server.client().post("/api/v1/test/clock", {"advance_ms": 16 * 60 * 1000}).status == 200
    la = signed_in(fresh_server, "la-xi-v0101.officer")
    texts = {}
    for lang in ("lo", "vi", "en", "fr"):
        tl = la.get("/api/v1/messages/%s?lang=%s" % (mid, lang)).json["timeline"]
        e = [x for x in tl if x["what"] == "escalated"][0]
        assert e["code"] == "ack_overdue" and e["params"] == {"from": "LA-XI-V0101", "to": "LA-XI-D01"}
        assert e["detail"] == "ack_overdue: LA-XI-V0101 -> LA-XI-D01"
        texts[lang] = e["text"]
        sent = [x for x in tl if x["what"] == "sent"][0]
        assert sent["code"] == "" and sent["params"] == {} and sent["text"] == ""
    assert texts["lo"] == "LA-XI-V0101 ບໍ່ໄດ້ຮັບຊາບທັນເວລາ: ສົ່ງຂຶ້ນໃຫ້ LA-XI-D01"
    assert texts["fr"] == "LA-XI-V0101 n'a pas accusé réception à temps : transmis à LA-XI-D01"
    assert len(set(texts.values())) == 4
    # without ?lang: the user's country's language
    tl = la.get("/api/v1/messages/" + mid).json["timeline"]
    assert [x["text"] for x in tl if x["what"] == "escalated"] == [texts["lo"]]


def test_close_and_attach_reasons(fresh_server):
    vn = signed_in(fresh_server, "vn-22-c9001.officer")
    r = vn.post("/api/v1/messages", {"to": ["LA-XI-V0101"], "kind": "alert", "priority": "flash",
                                     "subject": "xe", "fields": {"threat": "weapons"}})
    assert r.status == 201, r
    mid = r.json["id"]
    r = vn.request("POST", "/api/v1/messages/%s/attachments?filename=s%%C6%%A1%%20%%C4%%91%%E1%%BB%%93.pdf" % mid,
                   raw=b"%PDF-1.4 x", content_type="application/pdf")
    assert r.status == 201, r
    assert vn.post("/api/v1/messages/%s/close" % mid, {"note": "xong"}).status == 200
    la = signed_in(fresh_server, "la-xi-v0101.officer")
    want = {"lo": ("sơ đồ.pdf (1 KB)", "ໝາຍເຫດ: xong"), "fr": ("sơ đồ.pdf (1 Ko)", "note : xong"),
            "vi": ("sơ đồ.pdf (1 KB)", "ghi chú: xong"), "en": ("sơ đồ.pdf (1 KB)", "note: xong")}
    for lang, (att, note) in want.items():
        tl = la.get("/api/v1/messages/%s?lang=%s" % (mid, lang)).json["timeline"]
        a = [x for x in tl if x["what"] == "attached"][0]
        assert (a["code"], a["params"], a["text"], a["detail"]) == \
            ("attached", {"file": "sơ đồ.pdf", "size": 10}, att, "sơ đồ.pdf")
        c = [x for x in tl if x["what"] == "closed"][0]
        assert (c["code"], c["params"], c["text"], c["detail"]) == ("closed_note", {"note": "xong"}, note, "xong")
