"""`redline hit pending` and `redline hit resend`: a hit's notification to
the issuing unit that the hotline did not carry at the hit (the operator
recorded it, the process stopped before the send, the mark was lost) is
sent later, exactly once."""
import json
import sqlite3

LA_CP = "la-xi-v0102.checkpoint"
VN_SUP = "vn-22.supervisor"


def db_rows(rl, sql, *args):
    con = sqlite3.connect(rl.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def db_exec(rl, sql, *args):
    con = sqlite3.connect(rl.db)
    try:
        con.execute(sql, args)
        con.commit()
    finally:
        con.close()


def hit_alerts(rl):
    """The FLASH hit alerts in VN-22's inbox."""
    inbox = json.loads(rl.ok("--format", "json", "--as", VN_SUP, "msg", "inbox"))
    return [m for m in inbox if m["subject"].startswith("HIT: notice")]


def operator_hit(rl, notice="DEMO-VN-0002"):
    out = rl.ok("screen", "--record-hit", notice, "--unit", "LA-XI-V0102", "--action-taken", "informed")
    assert "pending" in out, out
    return db_rows(rl, "select id from hit_notifications where sent_at = ''")[-1][0]


def test_operator_hit_waits_for_a_user_of_the_checkpoint(rl_demo):
    nid = operator_hit(rl_demo)
    pending = json.loads(rl_demo.ok("--format", "json", "hit", "pending"))
    assert [(p["id"], p["notice"], p["checkpoint"], p["to"], p["recorded_by"], p["attempts"]) for p in pending] == \
        [(nid, "DEMO-VN-0002", "LA-XI-V0102", "VN-22", "system:cli", "1")]
    assert "only by a user" in pending[0]["last_error"]
    # The operator cannot send in nobody's name: it says who can.
    out = rl_demo.ok("hit", "resend", "--now")
    assert "0 sent" in out and "waits for a user" in out and "--as LOGIN" in out
    # A user of another unit does not see it (nor send it).
    assert json.loads(rl_demo.ok("--format", "json", "--as", "vn-22-c9001.checkpoint", "hit", "pending")) == []
    assert "0 sent, 0 still pending" in rl_demo.ok("--as", "vn-22-c9001.checkpoint", "hit", "resend", "--now")
    assert hit_alerts(rl_demo) == []
    # A user of the checkpoint's unit sends it, once.
    out = rl_demo.ok("--as", LA_CP, "hit", "resend", "--now")
    assert "notified VN-22 of the hit on DEMO-VN-0002 by FLASH message HL-" in out and "1 sent" in out
    assert "0 sent, 0 still pending" in rl_demo.ok("--as", LA_CP, "hit", "resend", "--now")
    assert "0 sent, 0 still pending" in rl_demo.ok("hit", "resend", "--now")
    alerts = hit_alerts(rl_demo)
    assert len(alerts) == 1 and alerts[0]["priority"] == "flash" and alerts[0]["from"] == "LA-XI-V0102"
    assert db_rows(rl_demo, "select attempts, sent_at != '', message_id != '' from hit_notifications") == \
        [(2, 1, 1)]
    assert json.loads(rl_demo.ok("--format", "json", "hit", "pending")) == []
    audit = json.loads(rl_demo.ok("--format", "json", "audit", "list", "--action", "hit.notify"))
    assert len(audit) == 1 and audit[0]["actor"] == "user:" + LA_CP


def test_a_hit_whose_send_never_happened_is_sent_once_in_the_recorders_name(rl_demo):
    """The process stopped between the hit's commit and the send: the
    operator's resend (as the server's job does) sends it as the recorder."""
    operator_hit(rl_demo)
    db_exec(rl_demo, "update hits set user_login = ?", "user:" + LA_CP)
    # The failed first attempt backs off: a plain resend waits, --now does not.
    assert "0 sent, 0 still pending" in rl_demo.ok("hit", "resend")
    out = rl_demo.ok("hit", "resend", "--now")
    assert "1 sent, 0 still pending" in out, out
    for _ in range(2):
        assert "0 sent, 0 still pending" in rl_demo.ok("hit", "resend", "--now")
    alerts = hit_alerts(rl_demo)
    assert len(alerts) == 1 and alerts[0]["from"] == "LA-XI-V0102"


def test_a_lost_sent_mark_does_not_send_twice(rl_demo):
    out = rl_demo.ok("--as", LA_CP, "screen", "--record-hit", "DEMO-VN-0002", "--action-taken", "informed")
    assert "notified VN-22 by FLASH message" in out
    assert len(hit_alerts(rl_demo)) == 1
    # The send committed but its mark did not (a crash in between).
    db_exec(rl_demo, "update hit_notifications set sent_at = '', message_id = '', next_attempt_at = ''")
    out = rl_demo.ok("hit", "resend")
    assert "had carried it already" in out and "1 sent" in out
    assert len(hit_alerts(rl_demo)) == 1
    assert db_rows(rl_demo, "select sent_at != '', message_id = (select id from messages) from hit_notifications") == \
        [(1, 1)]


def test_a_send_in_progress_is_left_alone(rl_demo):
    """Another sender's lease (next_attempt_at ahead, no error) keeps even
    --now off it, so two senders never both send."""
    operator_hit(rl_demo)
    db_exec(rl_demo, "update hit_notifications set last_error = '', next_attempt_at = '2999-01-01T00:00:00.000Z'")
    assert "0 sent, 0 still pending" in rl_demo.ok("--as", LA_CP, "hit", "resend", "--now")
    assert hit_alerts(rl_demo) == []


def test_a_disabled_recorder_leaves_it_to_the_unit(rl_demo):
    operator_hit(rl_demo)
    db_exec(rl_demo, "update hits set user_login = ?", "user:" + LA_CP)
    rl_demo.ok("user", "disable", LA_CP)
    out = rl_demo.ok("hit", "resend", "--now")
    assert "still pending" in out and "cannot send it any more" in out and "0 sent, 1 still pending" in out
    assert hit_alerts(rl_demo) == []
    assert "1 sent" in rl_demo.ok("--as", "la-xi-v0102.officer", "hit", "resend", "--now")
    assert len(hit_alerts(rl_demo)) == 1


def test_hit_commands_refuse_bad_input_and_roles(rl_demo):
    p = rl_demo.run("hit", "resend", "extra")
    assert p.returncode == 2 and "unexpected argument" in p.stderr
    p = rl_demo.run("hit", "pending", "--bogus")
    assert p.returncode == 2
    p = rl_demo.run("hit", "frobnicate")
    assert p.returncode == 2
    for cmd in ("pending", "resend"):
        p = rl_demo.run("--as", "analyst", "hit", cmd)
        assert p.returncode == 5, (cmd, p.stderr)
    assert "usage: redline hit" in rl_demo.ok("hit", "--help")
