"""Shared fixtures for the CLI and API tests: the redline binary under test
(REDLINE_BIN, set by scripts/run-tests; default build/redline) and a fresh
temporary database per test."""
import os
import subprocess
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("REDLINE_BIN") or os.path.join(ROOT, "build", "redline")


class Redline:
    """Runs the real binary against one database file."""

    def __init__(self, db):
        self.db = db

    def run(self, *args, stdin=None, check=None, env=None):
        e = dict(os.environ)
        e.pop("REDLINE_DB", None)
        if env:
            e.update(env)
        p = subprocess.run([BIN, "--db", self.db, *args], input=stdin,
                           capture_output=True, text=True, env=e, timeout=120)
        if check is not None:
            assert p.returncode == check, (args, p.returncode, p.stdout, p.stderr)
        return p

    def ok(self, *args, stdin=None):
        return self.run(*args, stdin=stdin, check=0).stdout


@pytest.fixture
def rl(tmp_path):
    return Redline(str(tmp_path / "t.db"))


@pytest.fixture
def rl_init(rl):
    rl.ok("init")
    return rl


@pytest.fixture
def rl_demo(rl):
    rl.ok("init", "--demo")
    return rl
