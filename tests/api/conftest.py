"""Fixtures for the API tests: a real `redline serve` on a free loopback port
over a fresh demo database (apihelp.Server), stopped with SIGTERM at the end
(which must exit 0 without sanitizer reports), and clients for it."""
import importlib.util
import os

import pytest

from apihelp import Server


def _root_conftest():
    """tests/conftest.py as a module. Both conftest files are imported under
    the name "conftest" and the one imported last (this one) keeps it, while
    tests in tests/cli do `from conftest import Redline`: re-export that."""
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "conftest.py")
    spec = importlib.util.spec_from_file_location("redline_root_conftest", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_root = _root_conftest()
Redline = _root.Redline
BIN = _root.BIN


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server per test module (tests must not depend on each other's
    clock: those that move it use fresh_server)."""
    s = Server(str(tmp_path_factory.mktemp("api")))
    yield s
    s.stop()


@pytest.fixture
def fresh_server(tmp_path):
    s = Server(str(tmp_path))
    yield s
    s.stop()


@pytest.fixture
def client(server):
    return server.client()
