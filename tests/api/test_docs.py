"""Every route of the router's table is documented in docs/api.md."""
import os
import re
import subprocess

from apihelp import BIN, ROOT


def routes():
    out = subprocess.run([BIN, "serve", "--routes"], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    return [tuple(line.split()[:2]) for line in out.splitlines() if line.strip()]


def test_routes_are_listed():
    r = routes()
    assert ("GET", "/healthz") in r
    assert ("POST", "/api/v1/test/clock") in r


def test_every_route_is_documented():
    with open(os.path.join(ROOT, "docs", "api.md"), encoding="utf-8") as f:
        headings = set(re.findall(r"^### ([A-Z]+) (\S+)\s*$", f.read(), re.M))
    missing = [" ".join(r) for r in routes() if r not in headings]
    assert not missing, "routes missing from docs/api.md: %s" % ", ".join(missing)


def test_documented_routes_exist():
    with open(os.path.join(ROOT, "docs", "api.md"), encoding="utf-8") as f:
        headings = set(re.findall(r"^### ([A-Z]+) (\S+)\s*$", f.read(), re.M))
    stale = [" ".join(h) for h in headings if h not in set(routes())]
    assert not stale, "docs/api.md documents routes that do not exist: %s" % ", ".join(stale)
