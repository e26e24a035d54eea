"""`redline config`: the deployment's settings (the hotline's deadlines):
list with defaults, set and unset audited, bad values and keys refused with
nothing changed, rights (admins and the operator only), and the deadlines
really used by sends and the escalation pass."""
import datetime
import json
import sqlite3

import pytest

VN_POST = "vn-22-c9001.officer"
LA_DISTRICT = "la-xi-d01.officer"


def at(minutes):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
    return {"REDLINE_NOW": t.strftime("%Y-%m-%dT%H:%M:%SZ")}


def settings(rl):
    return {r["key"]: r for r in json.loads(rl.ok("--format", "json", "config", "list"))}


def stored(rl):
    con = sqlite3.connect(rl.db)
    try:
        return dict(con.execute("select key, value from settings").fetchall())
    finally:
        con.close()


def audit_count(rl):
    return len(json.loads(rl.ok("--format", "json", "audit", "list", "--action", "config.")))


def test_defaults_are_the_issue(rl_init):
    s = settings(rl_init)
    want = {"hotline.ack.flash": "15m", "hotline.ack.urgent": "1h", "hotline.ack.routine": "1d",
            "hotline.reply.flash": "8h", "hotline.reply.urgent": "3d", "hotline.reply.routine": "7d"}
    assert {k: v["value"] for k, v in s.items()} == want
    assert all(v["set"] == "no" for v in s.values())
    assert rl_init.ok("config", "get", "hotline.reply.urgent").strip() == "3d"


def test_set_get_unset_audited(rl_init):
    assert rl_init.ok("config", "set", "hotline.ack.flash", "5m").strip() == "hotline.ack.flash = 5m"
    assert rl_init.ok("config", "get", "hotline.ack.flash").strip() == "5m"
    # canonical text: 90m is 1h30m
    assert rl_init.ok("config", "set", "hotline.reply.urgent", "90m").strip() == "hotline.reply.urgent = 1h30m"
    s = settings(rl_init)
    assert s["hotline.ack.flash"]["set"] == "yes" and s["hotline.ack.flash"]["by"] == "system:cli"
    assert stored(rl_init) == {"hotline.ack.flash": "5m", "hotline.reply.urgent": "1h30m"}
    rows = json.loads(rl_init.ok("--format", "json", "audit", "list", "--action", "config."))
    assert rows[0]["action"] == "config.set" and rows[0]["record"] == "hotline.reply.urgent"
    assert "3d (default) -> 1h30m" in rows[0]["summary"]
    assert rl_init.ok("config", "unset", "hotline.ack.flash").strip() == "hotline.ack.flash = 15m (default)"
    assert stored(rl_init) == {"hotline.reply.urgent": "1h30m"}
    n = audit_count(rl_init)
    rl_init.ok("config", "unset", "hotline.ack.flash")          # already the default: nothing recorded
    assert audit_count(rl_init) == n == 3
    rl_init.run("audit", "verify", check=0)


@pytest.mark.parametrize("key,value,code,msg", [
    ("hotline.ack.flash", "5", 1, "needs a unit"),
    ("hotline.ack.flash", "5x", 1, "malformed duration"),
    ("hotline.ack.flash", "m", 1, "malformed duration"),
    ("hotline.ack.flash", "1m1h", 1, "largest first"),
    ("hotline.ack.flash", "30s", 1, "must be from 1m to 30d"),
    ("hotline.ack.flash", "31d", 1, "must be from 1m to 30d"),
    ("hotline.reply.flash", "5m", 1, "must be from 10m to 90d"),
    ("hotline.ack.flash", "9999999d", 1, "too long"),
    ("hotline.ack.flash", "", 1, "empty"),
    ("hotline.ack.flash", "1h " * 20, 1, "at most 32 characters"),
    ("hotline.ack.fast", "5m", 3, "unknown setting 'hotline.ack.fast'"),
])
def test_bad_values_change_nothing(rl_init, key, value, code, msg):
    rl_init.ok("config", "set", "hotline.ack.flash", "20m")
    n = audit_count(rl_init)
    p = rl_init.run("config", "set", key, value)
    assert p.returncode == code, p
    assert msg in p.stderr and p.stderr.startswith("error: ") and p.stderr.count("\n") == 1, p.stderr
    assert stored(rl_init) == {"hotline.ack.flash": "20m"}
    assert audit_count(rl_init) == n


def test_usage_and_rights(rl_demo):
    assert rl_demo.run("config", "set", "hotline.ack.flash").returncode == 2
    assert rl_demo.run("config", "get").returncode == 2
    assert rl_demo.run("config", "frob").returncode == 2
    assert rl_demo.run("config", "get", "nope").returncode == 3
    p = rl_demo.run("--as", VN_POST, "config", "set", "hotline.ack.flash", "5m")
    assert p.returncode == 5 and "admin" in p.stderr
    assert rl_demo.run("--as", VN_POST, "config", "list").returncode == 5
    assert stored(rl_demo) == {}
    rl_demo.ok("--as", "admin", "config", "set", "hotline.ack.flash", "5m")
    assert settings(rl_demo)["hotline.ack.flash"]["by"] == "user:admin"


def test_sends_and_escalation_follow_the_setting(rl_demo):
    rl_demo.ok("config", "set", "hotline.ack.flash", "5m")
    sent = json.loads(rl_demo.ok("--format", "json", "--as", VN_POST, "msg", "send", "--to", "LA-XI-V0101",
                                 "--kind", "alert", "--priority", "flash", "--subject", "xe",
                                 "--field", "threat=drug_shipment"))
    def escalations(minutes):
        return int(rl_demo.run("msg", "escalate", env=at(minutes), check=0).stdout.split()[0])
    assert escalations(4) == 0
    assert escalations(6) == 1                 # 6 minutes: past the configured 5, before the default 15
    box = json.loads(rl_demo.ok("--format", "json", "--as", LA_DISTRICT, "msg", "inbox"))
    assert box[0]["code"] == sent["code"] and box[0]["role"] == "escalation"
    # the district's own deadline is also 5 minutes from its delivery
    t = json.loads(rl_demo.ok("--format", "json", "--as", LA_DISTRICT, "msg", "show", sent["id"], "--no-read"))
    rows = {a["unit"]: a for a in t["messages"][0]["addressees"]}
    d0 = datetime.datetime.fromisoformat(rows["LA-XI-D01"]["delivered_at"].replace("Z", "+00:00"))
    due = datetime.datetime.fromisoformat(rows["LA-XI-D01"]["ack_due"].replace("Z", "+00:00"))
    assert due - d0 == datetime.timedelta(minutes=5)
    # back to the default: a new flash waits 15 minutes again
    rl_demo.ok("config", "unset", "hotline.ack.flash")
    rl_demo.ok("--as", VN_POST, "msg", "send", "--to", "LA-XI-V0101", "--kind", "alert", "--priority",
               "flash", "--subject", "xe 2", "--field", "threat=drug_shipment")
    box = json.loads(rl_demo.ok("--format", "json", "--as", "la-xi-v0101.officer", "msg", "inbox"))
    new = [r for r in box if r["subject"] == "xe 2"][0]
    sent_at = datetime.datetime.fromisoformat(new["created"].replace("Z", "+00:00"))
    due = datetime.datetime.fromisoformat(new["due"].replace("Z", "+00:00"))
    assert due - sent_at == datetime.timedelta(minutes=15)
