"""`redline msg link|unlink ID --case|--person|--notice`: links from a hotline
message to other records from the command line, `--link KIND=REF` on send,
the links in `msg show`, and the refusals (unknown or unreadable records,
unknown messages, the system actor, usage mistakes) that change nothing."""
import json
import sqlite3

import pytest

VN_POST = "vn-22-c9001.officer"
LA_POST = "la-xi-v0101.officer"
CASE = "VN-22-C9001-2025-0201"


@pytest.fixture
def hl(rl_demo):
    rl_demo.ok("case", "add", "--ref", CASE, "--country", "VNM", "--unit", "VN-22-C9001", "--category",
               "drug_trafficking", "--opened", "2025-08-02", "--status", "open", "--summary",
               "Vận chuyển heroin qua Nậm Cắn")
    return rl_demo


def send(rl, *extra, tlp="amber"):
    out = rl.ok("--format", "json", "--as", VN_POST, "msg", "send", "--to", "LA-XI-V0101", "--kind",
                "information", "--tlp", tlp, "--subject", "về vụ án", *extra)
    return json.loads(out)


def links(rl, login, ident):
    out = rl.ok("--format", "json", "--as", login, "msg", "show", ident, "--no-read")
    return [(x["kind"], x["ref"]) for x in json.loads(out)["messages"][0]["links"]]


def rows(rl):
    con = sqlite3.connect(rl.db)
    try:
        return con.execute("select kind, record_id from message_links order by rowid").fetchall()
    finally:
        con.close()


def test_link_unlink_and_show(hl):
    m = send(hl)
    out = hl.ok("--as", VN_POST, "msg", "link", m["code"], "--case", CASE)
    assert out.strip() == "%s linked to case VNM/%s" % (m["code"], CASE)
    hl.ok("--as", LA_POST, "msg", "link", m["id"], "--notice", "DEMO-LA-0001")
    assert links(hl, VN_POST, m["id"]) == [("case", CASE), ("notice", "DEMO-LA-0001")]
    # a Vietnamese commune's case is outside the Lao post's record scope
    assert links(hl, LA_POST, m["id"]) == [("notice", "DEMO-LA-0001")]
    p = hl.run("--as", LA_POST, "msg", "link", m["id"], "--case", "VNM/" + CASE)
    assert p.returncode == 3 and "no such case 'VNM/%s'" % CASE in p.stderr
    text = hl.ok("--as", VN_POST, "msg", "show", m["id"], "--no-read")
    assert "link case VNM/%s  Vận chuyển heroin qua Nậm Cắn" % CASE in text
    assert "linked" in text and "notice DEMO-LA-0001" in text
    out = hl.ok("--as", LA_POST, "msg", "unlink", m["id"], "--notice", "DEMO-LA-0001")
    assert "unlinked from notice DEMO-LA-0001" in out
    assert links(hl, VN_POST, m["id"]) == [("case", CASE)]
    audit = json.loads(hl.ok("--format", "json", "audit", "list", "--action", "message."))
    assert [a["action"] for a in audit[:3]] == ["message.unlink", "message.link", "message.link"]
    hl.ok("audit", "verify")


@pytest.mark.parametrize("who,args,code,words", [
    (VN_POST, ["--case", "NO-SUCH"], 3, "no such case 'NO-SUCH'"),
    (VN_POST, ["--case", CASE, "--country", "LAO"], 3, "no such case"),
    (VN_POST, ["--person", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"], 3, "no such person"),
    (LA_POST, ["--notice", "DEMO-VN-0003"], 3, "no such notice 'DEMO-VN-0003'"),
    (VN_POST, ["--notice", "DEMO-VN-0001", "--case", CASE], 2, "one of --case"),
    (VN_POST, [], 2, "one of --case"),
    (VN_POST, ["--notice", "DEMO-VN-0001", "--country", "VNM"], 2, "--country goes with --case"),
    (None, ["--notice", "DEMO-VN-0001"], 5, "use --as LOGIN"),
    ("la-xi-v0102.officer", ["--notice", "DEMO-VN-0001"], 3, "no such message"),
])
def test_refusals_change_nothing(hl, who, args, code, words):
    m = send(hl, tlp="red")
    before = rows(hl)
    p = hl.run(*(["--as", who] if who else []), "msg", "link", m["id"], *args)
    assert p.returncode == code and words in p.stderr, p
    assert rows(hl) == before


def test_unknown_message_and_duplicates(hl):
    p = hl.run("--as", VN_POST, "msg", "link", "HL-9999999", "--case", CASE)
    assert p.returncode == 3 and "no such message" in p.stderr
    m = send(hl)
    hl.ok("--as", VN_POST, "msg", "link", m["id"], "--case", CASE)
    p = hl.run("--as", VN_POST, "msg", "link", m["id"], "--case", CASE)
    assert p.returncode == 4 and "already linked" in p.stderr
    p = hl.run("--as", VN_POST, "msg", "unlink", m["id"], "--notice", "DEMO-VN-0001")
    assert p.returncode == 3 and "is not linked to notice" in p.stderr
    assert len(rows(hl)) == 1


def test_send_with_links(hl):
    m = send(hl, "--link", "case=" + CASE, "--link", "notice=DEMO-VN-0001")
    assert links(hl, VN_POST, m["id"]) == [("case", CASE), ("notice", "DEMO-VN-0001")]
    n = len(rows(hl))
    p = hl.run("--as", VN_POST, "msg", "send", "--to", "LA-XI-V0101", "--kind", "information",
               "--subject", "x", "--link", "case=NO-SUCH")
    assert p.returncode == 3 and "no such case" in p.stderr
    p = hl.run("--as", VN_POST, "msg", "send", "--to", "LA-XI-V0101", "--kind", "information",
               "--subject", "x", "--link", "ship")
    assert p.returncode == 2 and "KIND=REF" in p.stderr
    assert len(rows(hl)) == n
    outbox = json.loads(hl.ok("--format", "json", "--as", VN_POST, "msg", "outbox"))
    assert [r["subject"] for r in outbox] == ["về vụ án"]


def test_send_with_a_case_link_naming_its_country(hl):
    """--link case=COUNTRY/REF names the case's country, as msg link
    --country does (issue #4); a ref may hold '/' of its own."""
    slashed = "VN-22/2025/7"
    hl.ok("case", "add", "--ref", slashed, "--country", "VNM", "--unit", "VN-22-C9001", "--category",
          "smuggling", "--opened", "2025-08-03", "--status", "open")
    m = send(hl, "--link", "case=VNM/" + CASE, "--link", "case=vnm/" + slashed)
    out = json.loads(hl.ok("--format", "json", "--as", VN_POST, "msg", "show", m["id"], "--no-read"))
    got = [(x["kind"], x.get("country"), x["ref"]) for x in out["messages"][0]["links"]]
    assert got == [("case", "VNM", CASE), ("case", "VNM", slashed)]
    m = send(hl, "--link", "case=" + slashed)          # no country: the ref as written
    assert links(hl, VN_POST, m["id"]) == [("case", slashed)]
    n = len(rows(hl))
    base = ["--as", VN_POST, "msg", "send", "--to", "LA-XI-V0101", "--kind", "information", "--subject", "y"]
    for link, code, words in (("case=LAO/" + CASE, 3, "no such case"),
                              ("case=THA/" + CASE, 1, "unknown country 'THA' (VNM or LAO)"),
                              ("case=VNM/", 2, "needs a REF after the country")):
        p = hl.run(*base, "--link", link)
        assert p.returncode == code and words in p.stderr, (link, p.stderr)
    assert len(rows(hl)) == n
    outbox = json.loads(hl.ok("--format", "json", "--as", VN_POST, "msg", "outbox"))
    assert "y" not in [r["subject"] for r in outbox]


def test_standing_links_still_work(hl):
    out = hl.ok("msg", "link", "add", "VN-22-C9001", "LA-XI-V0102")
    assert out.strip() == "linked VN-22-C9001 <-> LA-XI-V0102"
    hl.ok("msg", "link", "remove", "VN-22-C9001", "LA-XI-V0102")
    assert hl.run("msg", "link", "add", "VN-22-C9001").returncode == 2
