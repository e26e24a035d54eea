"""The kill test of the hotline: 8 clients send messages with idempotency
keys while the server is killed with SIGKILL; after a restart every message
that was answered 201 is there, and resending every key (answered or not)
creates no duplicate."""
import json
import os
import signal
import subprocess
import threading
import time

from apihelp import BIN, Client, Server

CLIENTS = 8
PER_CLIENT = 60           # upper bound of sends per client before the kill
DEMO_PW = "redline-demo"


class Restarted(Server):
    """A server over an existing database (no init)."""

    def __init__(self, db, log):
        self.db, self.log = db, log
        env = dict(os.environ)
        env.pop("REDLINE_DB", None)
        self.logf = open(log, "a")
        self.proc = subprocess.Popen([BIN, "--db", db, "serve", "--listen", "127.0.0.1:0", "--fake-clock"],
                                     stdout=subprocess.PIPE, stderr=self.logf, text=True, env=env)
        line = []
        t = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()))
        t.start()
        t.join(60)
        assert line and line[0].startswith("listening on http://"), line
        self.host, _, port = line[0].strip()[len("listening on http://"):].rpartition(":")
        self.port = int(port)


def sign_in(server):
    c = server.client()
    r = c.post("/api/v1/session", {"login": "vn-22-c9001.officer", "password": DEMO_PW})
    assert r.status == 200, r
    c.bearer = r.json["token"]
    return c


def body(i, k):
    return {"to": ["LA-XI-V0101"], "kind": "information", "priority": "urgent",
            "subject": "kill test %d/%d" % (i, k)}


def test_kill9_loses_no_acknowledged_send_and_resend_is_idempotent(tmp_path):
    s = Server(str(tmp_path))
    c0 = sign_in(s)
    token = c0.bearer
    ok = {}                     # key -> id answered 201
    tried = []                  # every key sent
    lock = threading.Lock()
    stop = threading.Event()

    def worker(i):
        c = Client(s.host, s.port)
        c.bearer = token
        for k in range(PER_CLIENT):
            if stop.is_set():
                return
            key = "kill-%d-%d" % (i, k)
            with lock:
                tried.append((key, i, k))
            try:
                r = c.post("/api/v1/messages", body(i, k), headers={"Idempotency-Key": key})
            except OSError:
                return          # the server is gone
            if r.status == 201:
                with lock:
                    ok[key] = r.json["id"]

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    deadline = time.time() + 30
    while time.time() < deadline and len(ok) < CLIENTS * PER_CLIENT // 3:
        time.sleep(0.01)
    s.proc.send_signal(signal.SIGKILL)
    s.proc.wait(30)
    stop.set()
    for t in threads:
        t.join(60)
    s.proc.stdout.close()
    s.logf.close()
    assert ok, "no send was answered before the kill"

    r2 = Restarted(s.db, s.log)
    try:
        c = sign_in(r2)   # sessions survive too, but a fresh one is simpler
        for key, mid in ok.items():
            got = c.get("/api/v1/messages/" + mid)
            assert got.status == 200, (key, mid, got)
        before = len(c.get("/api/v1/messages?box=outbox&limit=500").json["items"])
        for key, i, k in tried:
            r = c.post("/api/v1/messages", body(i, k), headers={"Idempotency-Key": key})
            assert r.status == 201, r
            if key in ok:
                assert r.json["id"] == ok[key] and r.json["replayed"], key
        after = c.get("/api/v1/messages?box=outbox&limit=500").json["items"]
        # Keys that never got an answer may or may not have been stored before
        # the kill; either way each key is stored exactly once now.
        assert len(after) == len({key for key, _, _ in tried}) >= before
        subjects = [m["subject"] for m in after]
        assert len(subjects) == len(set(subjects))
    finally:
        r2.stop()
