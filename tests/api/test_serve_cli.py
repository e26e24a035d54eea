"""`redline serve` as a command: options, start-up errors, TLS, signals."""
import shutil
import signal
import ssl
import subprocess
import http.client

import pytest

from apihelp import BIN, Server


def run(*args, db=None, timeout=60):
    cmd = [BIN] + (["--db", db] if db else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("args,msg", [
    (["--threads", "0"], "--threads needs a number"),
    (["--threads", "x"], "--threads needs a number"),
    (["--tls-cert", "a.pem"], "--tls-cert and --tls-key go together"),
    (["--bogus"], "unknown option"),
    (["extra"], "unexpected argument"),
])
def test_usage_errors(tmp_path, args, msg):
    p = run("serve", *args, db=str(tmp_path / "none.db"))
    assert p.returncode == 2, p
    assert msg in p.stderr


@pytest.mark.parametrize("listen", ["nohost", "127.0.0.1:99999", "127.0.0.1:http", "localhost:8080", ":80"])
def test_bad_listen_address(tmp_path, listen):
    db = str(tmp_path / "t.db")
    assert run("init", db=db).returncode == 0
    p = run("serve", "--listen", listen, db=db)
    assert p.returncode == 1, p
    assert p.stderr.startswith("error: ") and "--listen" in p.stderr
    assert "listening" not in p.stdout


def test_missing_database_fails_before_listening(tmp_path):
    p = run("serve", "--listen", "127.0.0.1:0", db=str(tmp_path / "none.db"))
    assert p.returncode != 0
    assert "listening" not in p.stdout
    assert p.stderr.startswith("error: ")


def test_missing_tls_file(tmp_path):
    db = str(tmp_path / "t.db")
    assert run("init", db=db).returncode == 0
    p = run("serve", "--listen", "127.0.0.1:0", "--tls-cert", str(tmp_path / "no.pem"),
            "--tls-key", str(tmp_path / "no.key"), db=db)
    assert p.returncode == 3 and "no.pem" in p.stderr


def test_routes_and_help():
    p = run("serve", "--routes")
    assert p.returncode == 0 and "/healthz" in p.stdout
    p = run("help", "serve")
    assert p.returncode == 0 and "--listen" in p.stdout


def test_sigint_stops_cleanly(tmp_path):
    s = Server(str(tmp_path))
    assert s.client().get("/healthz").status == 200
    s.proc.send_signal(signal.SIGINT)
    assert s.proc.wait(60) == 0
    s.proc.stdout.close()
    s.logf.close()
    assert "stopping" in open(s.log).read()


@pytest.mark.skipif(not shutil.which("openssl"), reason="needs the openssl command")
def test_tls(tmp_path):
    key, cert = str(tmp_path / "key.pem"), str(tmp_path / "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=localhost"],
                   check=True, capture_output=True, timeout=120)
    db = str(tmp_path / "t.db")
    assert run("init", db=db).returncode == 0
    p = subprocess.Popen([BIN, "--db", db, "serve", "--listen", "127.0.0.1:0",
                          "--tls-cert", cert, "--tls-key", key],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = p.stdout.readline()
        assert line.startswith("listening on https://127.0.0.1:")
        port = int(line.strip().rpartition(":")[2])
        ctx = ssl.create_default_context(cafile=cert)
        ctx.check_hostname = False
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
        conn.request("GET", "/healthz")
        r = conn.getresponse()
        assert r.status == 200 and r.read() == b'{"status":"ok"}'
        conn.close()
    finally:
        p.send_signal(signal.SIGTERM)
        assert p.wait(60) == 0
        p.stdout.close()


def test_sigterm_lets_a_request_in_progress_finish(tmp_path):
    import socket
    s = Server(str(tmp_path))
    body = b'{"advance_ms":1000}'
    sock = socket.create_connection((s.host, s.port), timeout=30)
    try:
        sock.sendall(b"POST /api/v1/test/clock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body))
        # the 100 proves the server has the request in hand
        assert sock.recv(100).startswith(b"HTTP/1.1 100")
        s.proc.send_signal(signal.SIGTERM)
        sock.sendall(body)
        got = b""
        for _ in range(100):
            chunk = sock.recv(4096)
            if not chunk:
                break
            got += chunk
            if got.endswith(b"}"):
                break
        assert got.startswith(b"HTTP/1.1 200"), got
        assert b'"now"' in got
    finally:
        sock.close()
    assert s.proc.wait(60) == 0
    s.proc.stdout.close()
    s.logf.close()
