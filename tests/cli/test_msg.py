"""`redline msg` and `redline duty`: the hotline from the command line on the
demo network: routing refusals, TLP, idempotency, the state machine,
escalation with a frozen clock (REDLINE_NOW), and search with and without
diacritics and in Lao."""
import datetime
import json
import sqlite3

import pytest

VN_POST = "vn-22-c9001.officer"      # Nậm Cắn commune, Nghệ An
LA_POST = "la-xi-v0101.officer"      # Ban Nam Kan post, Xiengkhouang
LA_DISTRICT = "la-xi-d01.officer"
LA_PROV = "la-xi.supervisor"
LA_SIBLING = "la-xi-v0102.officer"   # another post under the same district
VN_PROV = "vn-22.supervisor"


def at(minutes):
    """REDLINE_NOW `minutes` from the real now."""
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
    return {"REDLINE_NOW": t.strftime("%Y-%m-%dT%H:%M:%SZ")}


def send(rl, login, *args, check=0, env=None):
    p = rl.run("--format", "json", "--as", login, "msg", "send", *args, check=check, env=env)
    return json.loads(p.stdout) if check == 0 else p


def alert(rl, login=VN_POST, to="LA-XI-V0101", prio="flash", tlp="amber", subject="Xe chở ma túy",
          body="", key=None, env=None, check=0):
    args = ["--to", to, "--kind", "alert", "--priority", prio, "--tlp", tlp, "--subject", subject,
            "--field", "threat=drug_shipment"]
    if body:
        args += ["--body", body]
    if key:
        args += ["--key", key]
    return send(rl, login, *args, env=env, check=check)


def box(rl, login, which="inbox", *args, env=None):
    p = rl.run("--format", "json", "--as", login, "msg", which, *args, check=0, env=env)
    return json.loads(p.stdout)


def show(rl, login, ident, *args, check=0):
    p = rl.run("--format", "json", "--as", login, "msg", "show", ident, *args, check=check)
    return json.loads(p.stdout) if check == 0 else p


def escalate(rl, minutes):
    out = rl.ok_env("msg", "escalate", env=at(minutes))
    return int(out.split()[0])


@pytest.fixture
def hl(rl_demo):
    def ok_env(*args, env=None):
        return rl_demo.run(*args, check=0, env=env).stdout
    rl_demo.ok_env = ok_env
    return rl_demo


# ---- routing ----

def test_counterpart_receives_and_sees_fields_in_lao(hl):
    m = alert(hl, body="Đoàn xe hướng về cửa khẩu")
    assert m["code"].startswith("HL-") and not m["replayed"]
    rows = box(hl, LA_POST)
    assert [r["code"] for r in rows] == [m["code"]]
    assert rows[0]["state"] == "delivered" and rows[0]["priority"] == "flash"
    t = show(hl, LA_POST, m["code"])        # no --lang: the officer's country's language
    f = t["messages"][0]["fields_labeled"][0]
    assert f["label"] == "ປະເພດໄພຂົ່ມຂູ່" and f["value_label"] == "ການຂົນສົ່ງຢາເສບຕິດ"
    assert t["messages"][0]["template_label"] == "ແຈ້ງເຕືອນ"
    fr = show(hl, LA_POST, m["code"], "--lang", "fr")["messages"][0]["fields_labeled"][0]
    assert fr["value_label"] == "Transport de stupéfiants"


def test_routing_refusals(hl):
    # not a counterpart: another province's post
    p = alert(hl, to="LA-AT-V0101", check=5)
    assert "may not write to" in p.stderr
    # two levels up across the border
    assert "may not write to" in alert(hl, to="LA-XI", check=5).stderr
    # own parent and the counterpart are fine
    alert(hl, to="VN-22", prio="routine")
    # a forged sender unit
    p = send(hl, VN_POST, "--from", "VN-22", "--to", "LA-XI-V0101", "--kind", "information",
             "--subject", "x", check=5)
    assert "own unit" in p.stderr
    # unknown unit
    assert "unknown unit 'NOPE'" in alert(hl, to="NOPE", check=1).stderr
    # the system actor does not send
    p = hl.run("msg", "send", "--to", "LA-XI-V0101", "--kind", "information", "--subject", "x")
    assert p.returncode == 5
    # a checkpoint account has no hotline
    p = send(hl, "vn-22-c9001.checkpoint", "--to", "LA-XI-V0101", "--kind", "information",
             "--subject", "x", check=5)
    assert "officer" in p.stderr
    # nothing was stored by the refusals
    assert len(box(hl, LA_POST)) == 0


def test_standing_link_opens_a_route(hl):
    args = ["--to", "LA-XI-V0101", "--kind", "information", "--subject", "hello"]
    send(hl, "vn-22-c9002.officer", *args, check=5)
    assert hl.run("--as", VN_POST, "msg", "link", "add", "VN-22-C9002", "LA-XI-V0101").returncode == 5
    hl.ok("msg", "link", "add", "VN-22-C9002", "LA-XI-V0101")
    assert hl.run("msg", "link", "add", "LA-XI-V0101", "VN-22-C9002").returncode == 4
    send(hl, "vn-22-c9002.officer", *args)
    hl.ok("msg", "link", "remove", "VN-22-C9002", "LA-XI-V0101")
    send(hl, "vn-22-c9002.officer", *args, check=5)


def test_bad_input_is_refused_naming_the_field(hl):
    base = ["--to", "LA-XI-V0101", "--subject", "s"]
    p = send(hl, VN_POST, *base, "--kind", "gossip", check=1)
    assert "unknown kind 'gossip'" in p.stderr
    p = send(hl, VN_POST, *base, "--kind", "alert", "--field", "threat=aliens", check=1)
    assert "unknown code 'aliens' for field 'threat'" in p.stderr
    p = send(hl, VN_POST, *base, "--kind", "alert", "--field", "threat=weapons", "--field", "colour=red", check=1)
    assert "unknown field 'colour'" in p.stderr
    p = send(hl, VN_POST, *base, "--kind", "alert", check=1)
    assert "field 'threat' is required" in p.stderr
    p = send(hl, VN_POST, *base, "--kind", "request", check=1)
    assert "subtype" in p.stderr
    p = send(hl, VN_POST, *base, "--kind", "request", "--subtype", "locate_person",
             "--field", "person_name=Vang Pao", "--field", "birth_date=1990-02-30", check=1)
    assert "birth_date" in p.stderr
    p = send(hl, VN_POST, *base, "--kind", "alert", "--field", "threat=weapons",
             "--field", "persons_count=many", check=1)
    assert "persons_count" in p.stderr
    p = send(hl, VN_POST, "--to", "LA-XI-V0101", "--kind", "information", "--subject", "x" * 600, check=1)
    assert "subject longer" in p.stderr
    p = send(hl, VN_POST, "--to", "LA-XI-V0101", "--kind", "information", "--subject", "a\x01b", check=1)
    assert "control character" in p.stderr
    p = send(hl, VN_POST, "--kind", "information", "--subject", "x", check=1)
    assert "addressee" in p.stderr
    p = send(hl, VN_POST, *base, "--kind", "information", "--fields", "[1]", check=1)
    assert "JSON object" in p.stderr
    assert len(box(hl, LA_POST)) == 0
    # a request with valid fields, partial birth date
    send(hl, VN_POST, *base, "--kind", "request", "--subtype", "locate_person",
         "--field", "person_name=Vang Pao", "--field", "birth_date=1990-05")


# ---- idempotency ----

def test_retried_send_with_same_key_stores_once(hl):
    a = alert(hl, key="retry-1")
    b = alert(hl, key="retry-1", subject="changed on retry")
    assert b["id"] == a["id"] and b["replayed"]
    c = alert(hl, key="retry-2")
    assert c["id"] != a["id"]
    assert len(box(hl, LA_POST)) == 2
    con = sqlite3.connect(hl.db)
    assert con.execute("select count(*) from messages").fetchone()[0] == 2
    # the same key from another user is that user's own
    d = alert(hl, login="vn-22-c9001.officer", key="retry-1")
    assert d["id"] == a["id"]
    e = send(hl, LA_POST, "--to", "VN-22-C9001", "--kind", "information", "--subject", "x",
             "--key", "retry-1")
    assert e["id"] != a["id"]


# ---- TLP ----

def test_tlp_red_only_addressees(hl):
    m = alert(hl, tlp="red")
    show(hl, LA_POST, m["id"])
    show(hl, VN_POST, m["id"])
    for login in (LA_PROV, LA_DISTRICT, LA_SIBLING, VN_PROV):
        p = show(hl, login, m["id"], check=3)
        assert "no such message" in p.stderr
    # acting on it from outside is the same 404
    assert hl.run("--as", LA_SIBLING, "msg", "ack", m["id"]).returncode == 3
    p = hl.run("--as", LA_POST, "msg", "forward", m["id"], "--to", "LA-XI-D01")
    assert p.returncode == 5 and "RED" in p.stderr


def test_tlp_amber_supervisors_and_need_to_know(hl):
    m = alert(hl, tlp="amber")
    show(hl, LA_PROV, m["id"], "--no-read")     # supervisor up the chain
    show(hl, VN_PROV, m["id"], "--no-read")     # the sender's supervisor
    show(hl, LA_SIBLING, m["id"], check=3)      # a sibling post: no need to know
    show(hl, LA_DISTRICT, m["id"], check=3)     # district officer, not a supervisor
    # forwarding within the receiving country on need to know
    hl.ok("--as", LA_POST, "msg", "forward", m["id"], "--to", "LA-XI-D01", "--note", "for action")
    t = show(hl, LA_DISTRICT, m["id"])
    assert any(e["what"] == "forwarded" and e["unit"] == "LA-XI-D01" for e in t["timeline"])
    # not across the border, not sideways
    p = hl.run("--as", LA_DISTRICT, "msg", "forward", m["id"], "--to", "LA-XI-V0102")
    assert p.returncode == 0    # a child of the district
    p = hl.run("--as", LA_POST, "msg", "forward", m["id"], "--to", "VN-22")
    assert p.returncode == 5


def test_tlp_amber_strict_not_forwardable_green_readable(hl):
    s = alert(hl, tlp="amber_strict")
    p = hl.run("--as", LA_POST, "msg", "forward", s["id"], "--to", "LA-XI-D01")
    assert p.returncode == 5 and "AMBER+STRICT" in p.stderr
    show(hl, LA_PROV, s["id"])
    g = alert(hl, tlp="green")
    show(hl, LA_SIBLING, g["id"])
    show(hl, "la-at-v0101.officer", g["id"])


# ---- state machine ----

def test_read_ack_reply_close(hl):
    m = send(hl, VN_POST, "--to", "LA-XI-V0101", "--kind", "request", "--subtype", "locate_person",
             "--priority", "urgent", "--subject", "Tìm người", "--field", "person_name=Vang Pao")
    assert box(hl, LA_POST)[0]["state"] == "delivered"
    show(hl, VN_POST, m["id"])                 # the sender's open does not mark it read
    assert box(hl, LA_POST)[0]["state"] == "delivered"
    show(hl, LA_POST, m["id"])
    assert box(hl, LA_POST)[0]["state"] == "read"
    hl.ok("--as", LA_POST, "msg", "ack", m["code"])
    assert box(hl, LA_POST)[0]["state"] == "acknowledged"
    p = hl.run("--as", LA_POST, "msg", "ack", m["code"])
    assert p.returncode == 4 and "already acknowledged" in p.stderr
    # only addressees acknowledge; the sender may not
    assert hl.run("--as", VN_POST, "msg", "ack", m["code"]).returncode == 5
    r = json.loads(hl.ok("--format", "json", "--as", LA_POST, "msg", "reply", m["code"],
                         "--body", "ພົບຕົວແລ້ວ ຢູ່ບ້ານນ້ຳກັນ"))
    assert box(hl, LA_POST)[0]["state"] == "answered"
    vin = box(hl, VN_POST)
    assert vin[0]["code"] == r["code"] and vin[0]["kind"] == "reply"
    t = show(hl, VN_POST, m["id"])
    assert [x["code"] for x in t["messages"]] == [m["code"], r["code"]]
    whats = [e["what"] for e in t["timeline"]]
    for w in ("sent", "delivered", "read", "acknowledged", "answered"):
        assert w in whats
    # close: only by the sender
    assert hl.run("--as", LA_POST, "msg", "close", m["code"]).returncode == 5
    hl.ok("--as", VN_POST, "msg", "close", m["code"], "--note", "found")
    assert box(hl, LA_POST, "inbox", "--state", "closed")[0]["code"] == m["code"]
    assert hl.run("--as", VN_POST, "msg", "close", m["code"]).returncode == 4
    assert hl.run("--as", LA_POST, "msg", "reply", m["code"], "--body", "x").returncode == 4
    assert hl.run("--as", LA_POST, "msg", "show", "HL-9999999").returncode == 3
    assert hl.run("--as", LA_POST, "msg", "show").returncode == 2


def test_box_filters_and_paging(hl):
    ids = [alert(hl, prio=("flash" if i % 2 else "routine"), subject=f"s{i}")["code"] for i in range(5)]
    assert [r["code"] for r in box(hl, LA_POST)] == ids[::-1]
    assert {r["code"] for r in box(hl, LA_POST, "inbox", "--priority", "flash")} == {ids[1], ids[3]}
    assert box(hl, LA_POST, "inbox", "--kind", "request") == []
    assert len(box(hl, LA_POST, "inbox", "--counterpart", "VN-22-C9001")) == 5
    assert box(hl, LA_POST, "inbox", "--counterpart", "VN-22") == []
    p = hl.run("--format", "json", "--as", LA_POST, "msg", "inbox", "--limit", "2", check=0)
    first = json.loads(p.stdout)
    cursor = p.stderr.split("--cursor ")[1].strip()
    second = box(hl, LA_POST, "inbox", "--limit", "2", "--cursor", cursor)
    assert [r["code"] for r in first + second] == ids[::-1][:4]
    assert len(box(hl, VN_POST, "outbox")) == 5
    assert hl.run("--as", LA_POST, "msg", "inbox", "--cursor", "junk").returncode == 1
    assert hl.run("--as", LA_POST, "msg", "inbox", "--state", "lost").returncode == 1
    assert hl.run("--as", LA_POST, "msg", "inbox", "--limit", "0").returncode == 2
    # overdue: the flash ack deadline is 15 minutes
    assert len(box(hl, LA_POST, "inbox", "--overdue", env=at(16))) == 2
    assert len(box(hl, LA_POST, "inbox", "--overdue", env=at(5))) == 0


# ---- escalation ----

def test_flash_escalates_up_both_sides(hl):
    m = alert(hl)
    assert escalate(hl, 5) == 0
    assert escalate(hl, 16) == 1
    d = box(hl, LA_DISTRICT)
    assert d[0]["code"] == m["code"] and d[0]["role"] == "escalation" and d[0]["level"] == "1"
    assert box(hl, VN_PROV, "escalated")[0]["role"] == "copy"
    assert escalate(hl, 17) == 0              # nothing new is due
    assert escalate(hl, 32) == 1
    p = box(hl, LA_PROV)
    assert p[0]["code"] == m["code"] and p[0]["level"] == "2"
    for login in (LA_POST, VN_POST):
        t = show(hl, login, m["id"], "--no-read")
        esc = [e for e in t["timeline"] if e["what"] == "escalated"]
        assert [e["unit"] for e in esc] == ["LA-XI-D01", "LA-XI"]
        assert {e["unit"] for e in t["timeline"] if e["what"] == "informed"} == {"VN-22", "VN-MPS"}
    # up to the ministry, then it stops
    assert escalate(hl, 48) == 1
    assert escalate(hl, 64) == 0
    con = sqlite3.connect(hl.db)
    assert con.execute("select count(*) from escalations").fetchone()[0] == 3


def test_acknowledged_message_does_not_escalate(hl):
    m = alert(hl)
    hl.ok("--as", LA_POST, "msg", "ack", m["id"])
    assert escalate(hl, 60) == 0
    # a request escalates when the reply is late, even when acknowledged
    r = send(hl, VN_POST, "--to", "LA-XI-V0101", "--kind", "request", "--subtype", "verify",
             "--priority", "flash", "--subject", "verify plate", "--field", "matter=43A-123.45")
    hl.ok("--as", LA_POST, "msg", "ack", r["id"])
    assert escalate(hl, 60) == 0
    assert escalate(hl, 8 * 60 + 1) == 1
    assert box(hl, LA_DISTRICT)[0]["code"] == r["code"]


def test_nobody_on_duty_escalates_flash_at_once(hl):
    hl.ok("--as", LA_POST, "duty", "off")
    out = hl.ok("--format", "json", "duty", "list", "--unit", "LA-XI-V0101")
    assert json.loads(out) == []
    alert(hl, prio="urgent")
    assert escalate(hl, 0) == 0               # urgent waits for its deadline
    m = alert(hl)
    assert escalate(hl, 0) == 1
    assert box(hl, LA_DISTRICT)[0]["code"] == m["code"]
    hl.ok("--as", LA_POST, "duty", "on")
    logins = [d["login"] for d in json.loads(hl.ok("--format", "json", "duty", "list", "--unit", "LA-XI-V0101"))]
    assert logins == [LA_POST]
    assert hl.run("duty", "on").returncode == 5   # the system has no duty


# ---- search ----

def test_search_vietnamese_with_and_without_diacritics(hl):
    m = alert(hl, subject="Đường mòn Nậm Cắn", body="Phát hiện xe chở hàng cấm")
    def codes(login, q):
        return [r["code"] for r in json.loads(hl.ok("--format", "json", "--as", login, "msg", "search", q))]
    for q in ("Nậm Cắn", "nam can", "NAM CAN", "duong mon", "Đường", "xe cho hang"):
        assert codes(LA_POST, q) == [m["code"]], q
    # field code labels are searchable in every language
    assert codes(LA_POST, "ma tuy") == [m["code"]]
    assert codes(LA_POST, "ຢາເສບຕິດ") == [m["code"]]
    assert codes(LA_POST, "không có") == []
    assert hl.run("--as", LA_POST, "msg", "search", "ab").returncode == 1


def test_search_lao_without_spaces_and_respects_tlp(hl):
    m = send(hl, LA_POST, "--to", "VN-22-C9001", "--kind", "information", "--tlp", "red",
             "--subject", "ລາຍງານ", "--body", "ພົບລົດບັນທຸກຢາເສບຕິດຢູ່ບ້ານນ້ຳກັນ")
    out = json.loads(hl.ok("--format", "json", "--as", VN_POST, "msg", "search", "ຢາເສບຕິດ"))
    assert [r["code"] for r in out] == [m["code"]]
    out = json.loads(hl.ok("--format", "json", "--as", VN_POST, "msg", "search", "ບັນທຸກ"))
    assert [r["code"] for r in out] == [m["code"]]
    # a red message is not found by those who may not read it
    out = json.loads(hl.ok("--format", "json", "--as", LA_SIBLING, "msg", "search", "ຢາເສບຕິດ"))
    assert out == []


def test_templates_list_in_vietnamese(hl):
    rows = json.loads(hl.ok("--format", "json", "msg", "templates", "--lang", "vi"))
    threat = [r for r in rows if r["field"] == "threat"][0]
    assert threat["label"] == "Loại nguy cơ" and "drug_shipment=Vận chuyển ma túy" in threat["codes"]
