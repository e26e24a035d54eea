"""Helpers of the API tests: a real `redline serve` (Server) and a small
HTTP client on the standard library (Client) that keeps cookies and can send
a bearer token or a CSRF header."""
import http.client
import json
import os
import signal
import subprocess
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("REDLINE_BIN") or os.path.join(ROOT, "build", "redline")


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # lower-case name -> value
        self.body = body                # bytes

    @property
    def json(self):
        return json.loads(self.body.decode("utf-8"))

    @property
    def error(self):
        """The {"error":{...}} object of an error reply."""
        return self.json["error"]

    def __repr__(self):
        return "<Response %d %r>" % (self.status, self.body[:200])


class Client:
    """One user agent: remembers cookies set by the server, and sends
    `Authorization: Bearer` when bearer is set."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.cookies = {}
        self.bearer = None
        self.csrf = None                # sent as X-CSRF-Token when set

    def request(self, method, path, body=None, headers=None, raw=None,
                content_type="application/json"):
        h = {}
        if body is not None:
            raw = json.dumps(body).encode("utf-8")
        if raw is not None and content_type:
            h["Content-Type"] = content_type
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if self.bearer:
            h["Authorization"] = "Bearer " + self.bearer
        if self.csrf:
            h["X-CSRF-Token"] = self.csrf
        h.update(headers or {})
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=raw, headers=h)
            r = conn.getresponse()
            data = r.read()
            hdrs = {k.lower(): v for k, v in r.getheaders()}
            for k, v in r.getheaders():
                if k.lower() == "set-cookie":
                    name, _, rest = v.partition("=")
                    value = rest.split(";", 1)[0]
                    if value and "max-age=0" not in v.lower():
                        self.cookies[name] = value
                    else:
                        self.cookies.pop(name, None)
            return Response(r.status, hdrs, data)
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


class Server:
    """A running `redline serve`; stop() sends SIGTERM and checks the exit."""

    def __init__(self, tmp, fake_clock=True, args=()):
        self.db = os.path.join(tmp, "api.db")
        self.log = os.path.join(tmp, "serve.log")
        env = dict(os.environ)
        env.pop("REDLINE_DB", None)
        subprocess.run([BIN, "--db", self.db, "init", "--demo"], check=True,
                       capture_output=True, timeout=120, env=env)
        self.logf = open(self.log, "w")
        flags = ["--fake-clock"] if fake_clock else []
        self.proc = subprocess.Popen(
            [BIN, "--db", self.db, "serve", "--listen", "127.0.0.1:0", *flags, *args],
            stdout=subprocess.PIPE, stderr=self.logf, text=True, env=env)
        line = []
        t = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()))
        t.start()
        t.join(60)
        if not line or not line[0].startswith("listening on http://"):
            self.proc.kill()
            self.proc.wait(10)
            raise AssertionError("server did not start: %r %s" % (line, open(self.log).read()))
        self.host, _, port = line[0].strip()[len("listening on http://"):].rpartition(":")
        self.port = int(port)

    def client(self):
        return Client(self.host, self.port)

    def stderr(self):
        self.logf.flush()
        with open(self.log) as f:
            return f.read()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
            raise AssertionError("server did not stop on SIGTERM")
        self.proc.stdout.close()
        self.logf.close()
        err = open(self.log).read()
        assert rc == 0, (rc, err[-3000:])
        assert "AddressSanitizer" not in err and "runtime error" not in err, err[-3000:]


