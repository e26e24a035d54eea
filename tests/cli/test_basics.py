"""The binary's contract: help, unknown commands and options, init, db, audit."""
import json
import sqlite3


def test_help_lists_commands(rl):
    out = rl.ok("help")
    for cmd in ("init", "db", "audit", "help"):
        assert f"  {cmd} " in out


def test_help_for_a_command(rl):
    assert "redline init" in rl.ok("help", "init")
    assert "redline init" in rl.ok("init", "--help")


def test_unknown_command_is_usage_error(rl):
    p = rl.run("frobnicate")
    assert p.returncode == 2
    assert "not a redline command" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1


def test_unknown_option_is_usage_error(rl_init):
    p = rl_init.run("audit", "list", "--bogus")
    assert p.returncode == 2
    assert "unknown option '--bogus'" in p.stderr


def test_bad_format_is_usage_error(rl_init):
    p = rl_init.run("--format", "xml", "audit", "list")
    assert p.returncode == 2


def test_missing_database_is_clear(rl):
    p = rl.run("audit", "list")
    assert p.returncode == 3
    assert "redline init" in p.stderr


def test_init_refuses_existing_file(rl_init):
    p = rl_init.run("init")
    assert p.returncode == 4
    assert "already exists" in p.stderr


def test_init_rejects_unknown_country(rl):
    p = rl.run("init", "--country", "THA")
    assert p.returncode == 1


def test_not_a_database(tmp_path):
    from conftest import Redline
    f = tmp_path / "junk.db"
    f.write_bytes(b"this is not sqlite" * 100)
    p = Redline(str(f)).run("db", "check")
    assert p.returncode == 6
    assert "not a redline database" in p.stderr or "not a database" in p.stderr


def test_db_check_and_backup(rl_init, tmp_path):
    assert rl_init.ok("db", "check").strip() == "ok"
    dest = tmp_path / "copy.db"
    rl_init.ok("db", "backup", str(dest))
    con = sqlite3.connect(dest)
    assert con.execute("select count(*) from audit").fetchone()[0] >= 1
    con.close()
    p = rl_init.run("db", "backup", str(dest))
    assert p.returncode == 4


def test_audit_list_json(rl_init):
    rows = json.loads(rl_init.ok("--format", "json", "audit", "list"))
    assert rows[0]["action"] == "node.init"  # newest first
    assert rl_init.ok("audit", "list", "--format=csv").startswith("seq,at,actor")


def test_audit_tamper_detected(rl_init):
    assert "intact" in rl_init.ok("audit", "verify")
    con = sqlite3.connect(rl_init.db)
    con.executescript("DROP TRIGGER audit_no_update; UPDATE audit SET summary='forged' WHERE seq=1;")
    con.commit()
    con.close()
    p = rl_init.run("audit", "verify")
    assert p.returncode == 6
    assert "entry 1" in p.stderr
