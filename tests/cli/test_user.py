"""`redline user`: accounts from the command line, passwords never on argv
nor in any output, bad input refused without changes, `--as`."""
import json
import sqlite3

import pytest

PW = "a long secret passphrase"
UNIT = "VN-MPS"


def add(rl, login, roles="officer", name="Nguyễn Văn An", unit=UNIT, pw=PW, check=0):
    return rl.run("user", "add", login, "--unit", unit, "--roles", roles, "--name", name,
                  "--password-stdin", stdin=pw + "\n", check=check)


def users(rl, *args):
    return {u["login"]: u for u in json.loads(rl.ok("--format", "json", "user", "list", *args))}


def audit_text(rl):
    return rl.ok("--format", "json", "audit", "list", "--limit", "1000000")


def test_add_list_show(rl_init):
    p = add(rl_init, "alice", roles="officer,supervisor")
    assert "added user alice" in p.stdout
    u = users(rl_init)["alice"]
    assert u["roles"] == "officer,supervisor"
    assert u["unit"] == UNIT
    assert u["state"] == "enabled"
    assert u["name"] == "Nguyễn Văn An"
    out = rl_init.ok("user", "show", "alice")
    assert "login:" in out and "alice" in out and "officer,supervisor" in out
    shown = json.loads(rl_init.ok("--format", "json", "user", "show", "alice"))[0]
    assert shown["login"] == "alice" and len(shown["id"]) == 26


def test_password_never_shown_or_audited(rl_init):
    p = add(rl_init, "alice")
    assert PW not in p.stdout + p.stderr
    p = rl_init.run("user", "passwd", "alice", "--password-stdin",
                    stdin="another secret phrase\n", check=0)
    assert "another secret phrase" not in p.stdout + p.stderr
    for args in (("user", "list"), ("user", "show", "alice"), ("--format", "json", "user", "show", "alice")):
        out = rl_init.ok(*args)
        assert PW not in out and "argon2" not in out
    text = audit_text(rl_init)
    assert PW not in text and "another secret phrase" not in text and "argon2" not in text
    actions = [e["action"] for e in json.loads(text)]
    assert "user.add" in actions and "user.passwd" in actions


def test_passwd_changes_stored_hash(rl_init):
    add(rl_init, "alice")
    con = sqlite3.connect(rl_init.db)
    before = con.execute("select password_hash, password_changed_at from users where login='alice'").fetchone()
    con.close()
    rl_init.run("user", "passwd", "alice", "--password-stdin", stdin="another secret phrase\n", check=0)
    con = sqlite3.connect(rl_init.db)
    after = con.execute("select password_hash from users where login='alice'").fetchone()
    con.close()
    assert after[0] != before[0] and after[0].startswith("$argon2id$")


def test_passwd_refuses_short_and_unknown(rl_init):
    add(rl_init, "alice")
    p = rl_init.run("user", "passwd", "alice", "--password-stdin", stdin="short\n")
    assert p.returncode == 1 and "password shorter than 10" in p.stderr
    p = rl_init.run("user", "passwd", "nobody", "--password-stdin", stdin=PW + "\n")
    assert p.returncode == 3 and "no such user" in p.stderr


def test_disable_enable(rl_init):
    add(rl_init, "alice")
    assert "disabled alice" in rl_init.ok("user", "disable", "alice")
    assert users(rl_init)["alice"]["state"] == "disabled"
    assert list(users(rl_init, "--disabled")) == ["alice"]
    assert users(rl_init, "--enabled") == {}
    p = rl_init.run("user", "disable", "alice")
    assert p.returncode == 4 and "already disabled" in p.stderr
    rl_init.ok("user", "enable", "alice")
    assert users(rl_init)["alice"]["state"] == "enabled"
    actions = [e["action"] for e in json.loads(audit_text(rl_init))]
    assert "user.disable" in actions and "user.enable" in actions


def test_roles_and_filters(rl_init):
    add(rl_init, "alice")
    add(rl_init, "bob", roles="analyst")
    rl_init.ok("user", "roles", "alice", "officer,checkpoint")
    assert users(rl_init)["alice"]["roles"] == "officer,checkpoint"
    assert list(users(rl_init, "--role", "checkpoint")) == ["alice"]
    assert list(users(rl_init, "--role", "analyst")) == ["bob"]
    assert set(users(rl_init, "--unit", UNIT)) == {"alice", "bob"}
    p = rl_init.run("user", "roles", "alice", "officer,chief")
    assert p.returncode == 1 and "unknown role" in p.stderr
    p = rl_init.run("user", "roles", "alice", "")
    assert p.returncode == 1
    assert users(rl_init)["alice"]["roles"] == "officer,checkpoint"
    p = rl_init.run("user", "list", "--role", "chief")
    assert p.returncode == 1
    p = rl_init.run("user", "list", "--unit", "VN-NOPE")
    assert p.returncode == 3


def test_paging(rl_init):
    for i in range(5):
        add(rl_init, f"u{i}")
    page = users(rl_init, "--limit", "2")
    assert list(page) == ["u0", "u1"]
    assert list(users(rl_init, "--limit", "2", "--after", "u1")) == ["u2", "u3"]
    assert rl_init.run("user", "list", "--limit", "0").returncode == 2


def test_bad_input_changes_nothing(rl_init):
    add(rl_init, "alice")
    before = len(json.loads(audit_text(rl_init)))
    cases = [
        (dict(login="alice"), 4, "already taken"),
        (dict(login="bob", unit="VN-NOPE"), 3, "unknown unit"),
        (dict(login="bob", roles="officer,chief"), 1, "unknown role"),
        (dict(login="bob", pw="short"), 1, "password shorter than 10"),
        (dict(login="bob", pw=""), 1, "password"),
        (dict(login="bob", name="bad \udcff byte"), 1, "utf-8"),
        (dict(login="bob", name=""), 1, "full name is empty"),
        (dict(login="a" * 65), 1, "login longer than 64"),
        (dict(login="Bob"), 1, "login may only hold"),
        (dict(login="bob smith"), 1, "login may only hold"),
        (dict(login="bob", pw="x" * 2000), 1, "longer than 1024"),
    ]
    for kw, status, msg in cases:
        login = kw.pop("login")
        args = dict(roles="officer", name="Test", unit=UNIT, pw=PW)
        args.update(kw)
        name = args["name"]
        argv = ["user", "add", login, "--unit", args["unit"], "--roles", args["roles"],
                "--name", name, "--password-stdin"]
        p = run_raw(rl_init, argv, args["pw"] + "\n")
        assert p.returncode == status, (login, kw, p.stderr)
        assert msg in p.stderr.lower(), (login, kw, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1
    assert list(users(rl_init)) == ["alice"]
    assert len(json.loads(audit_text(rl_init))) == before


def run_raw(rl, argv, stdin):
    """Runs with argv given as bytes where needed (invalid UTF-8 names)."""
    import os
    import subprocess
    from conftest import BIN
    e = dict(os.environ)
    e.pop("REDLINE_DB", None)
    args = [BIN, "--db", rl.db] + [a.encode("utf-8", "surrogateescape") for a in argv]
    p = subprocess.run(args, input=stdin.encode(), capture_output=True, env=e, timeout=120)
    p.stdout = p.stdout.decode("utf-8", "replace")
    p.stderr = p.stderr.decode("utf-8", "replace")
    return p


def test_missing_options_are_usage_errors(rl_init):
    p = rl_init.run("user", "add", "bob", "--roles", "officer", "--name", "B", "--password-stdin", stdin=PW + "\n")
    assert p.returncode == 2 and "--unit" in p.stderr
    p = rl_init.run("user", "add", "--unit", UNIT)
    assert p.returncode == 2
    p = rl_init.run("user", "frob")
    assert p.returncode == 2
    p = rl_init.run("user", "show")
    assert p.returncode == 2
    p = rl_init.run("user", "show", "a", "b")
    assert p.returncode == 2
    p = rl_init.run("user", "add", "bob", "--password", PW)
    assert p.returncode == 2 and PW not in p.stderr


def test_no_terminal_needs_password_stdin(rl_init):
    p = rl_init.run("user", "add", "bob", "--unit", UNIT, "--roles", "officer", "--name", "Bob")
    # No terminal in tests: asks for --password-stdin instead of reading argv.
    assert p.returncode != 0
    assert "password-stdin" in p.stderr or "terminal" in p.stderr
    assert "bob" not in users(rl_init)


def test_show_unknown(rl_init):
    p = rl_init.run("user", "show", "nobody")
    assert p.returncode == 3 and "no such user" in p.stderr
    p = rl_init.run("user", "show", "NOT VALID")
    assert p.returncode == 3


def test_act_as(rl_init):
    add(rl_init, "boss", roles="admin")
    add(rl_init, "alice")
    # An admin may add users; the audit names them.
    p = add(rl_init, "carol")
    rl_init.ok("--as", "boss", "user", "disable", "carol")
    entries = json.loads(rl_init.ok("--format", "json", "audit", "list", "--action", "user.disable"))
    assert entries[0]["actor"] == "user:boss"
    # An officer may not.
    p = rl_init.run("--as", "alice", "user", "enable", "carol")
    assert p.returncode in (3, 5)
    p = rl_init.run("--as", "alice", "user", "list")
    assert p.returncode == 5 and "admin" in p.stderr
    # An officer sees their own account.
    assert "alice" in rl_init.ok("--as", "alice", "user", "show", "alice")
    # Unknown and disabled users are refused.
    p = rl_init.run("--as", "nobody", "user", "list")
    assert p.returncode == 3
    p = rl_init.run("--as", "carol", "user", "show", "carol")
    assert p.returncode == 5 and "disabled" in p.stderr
    p = rl_init.run("--as", "carol", "audit", "list")
    assert p.returncode == 5


def test_admin_cannot_disable_self(rl_init):
    add(rl_init, "boss", roles="admin")
    p = rl_init.run("--as", "boss", "user", "disable", "boss")
    assert p.returncode == 4
    assert users(rl_init)["boss"]["state"] == "enabled"


def test_demo_accounts(rl_demo):
    con = sqlite3.connect(rl_demo.db)
    n_demo_units = con.execute("select count(*) from units where demo = 1").fetchone()[0]
    con.close()
    if not n_demo_units:
        pytest.skip("the directory has no demo units yet")
    demo = users(rl_demo, "--demo")
    assert "admin" in demo and "analyst" in demo
    roles = [u["roles"] for u in demo.values()]
    assert any("supervisor" in r for r in roles)
    assert sum("checkpoint" in r for r in roles) >= 2
    units = {u["unit"] for u in demo.values()}
    assert any(c.startswith("VN-") for c in units) and any(c.startswith("LA-") for c in units)
    text = rl_demo.ok("user", "list", "--demo")
    assert "redline-demo" in text
    # Every demo unit has an officer.
    con = sqlite3.connect(rl_demo.db)
    missing = con.execute("select code from units where demo = 1 and id not in"
                          " (select unit_id from users where roles & 1) and valid_to = '9999-12-31'").fetchall()
    hashes = {h for (h,) in con.execute("select password_hash from users where demo = 1")}
    con.close()
    assert missing == []
    # Hashed once for all: one valid Argon2id string shared by every account.
    assert len(hashes) == 1 and next(iter(hashes)).startswith("$argon2id$")
    assert "admin" in rl_demo.ok("--as", "admin", "user", "show", "admin")


def test_unit_and_name(rl_init):
    add(rl_init, "alice")
    rl_init.ok("user", "unit", "alice", "VN-22")
    rl_init.ok("user", "name", "alice", "Trần Thị Bình")
    u = users(rl_init)["alice"]
    assert u["unit"] == "VN-22" and u["name"] == "Trần Thị Bình"
    p = rl_init.run("user", "unit", "alice", "VN-NOPE")
    assert p.returncode == 3
    p = rl_init.run("user", "name", "alice", "")
    assert p.returncode == 1
    assert users(rl_init)["alice"]["unit"] == "VN-22"
    actions = [e["action"] for e in json.loads(audit_text(rl_init))]
    assert "user.unit" in actions and "user.name" in actions


def test_as_needs_a_database_command(rl_init):
    add(rl_init, "alice")
    p = rl_init.run("--as", "alice", "version")
    assert p.returncode == 2
    p = rl_init.run("--as", "", "user", "list")
    assert p.returncode == 2
