#!/bin/sh
# HTTP throughput of `redline serve` (release build): requests per second
# for GET /healthz (the framework alone) and GET /api/v1/me with a bearer
# token (a session lookup: one indexed read and one write per request),
# from 8 client threads, each on its own keep-alive connection.
set -eu
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
"$REDLINE_BIN" --db "$dir/b.db" init --demo >/dev/null
"$REDLINE_BIN" --db "$dir/b.db" serve --listen 127.0.0.1:0 >"$dir/out" 2>/dev/null &
pid=$!
i=0
while ! grep -q '^listening on' "$dir/out" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 200 ] || { echo "server did not start"; exit 1; }
	sleep 0.05
done
port=$(sed -n 's/^listening on http:\/\/[^:]*:\([0-9]*\)$/\1/p' "$dir/out")
python3 - "$port" <<'PY'
import http.client, json, sys, threading, time
port = int(sys.argv[1])
THREADS, PER_THREAD = 8, 500

def sign_in():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", "/api/v1/session", body=json.dumps({"login": "analyst", "password": "redline-demo"}),
              headers={"Content-Type": "application/json"})
    r = c.getresponse()
    tok = json.loads(r.read())["token"]
    c.close()
    return tok

def run(path, headers):
    errors = []
    def worker():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(PER_THREAD):
            c.request("GET", path, headers=headers)
            r = c.getresponse()
            r.read()
            if r.status != 200:
                errors.append(r.status)
        c.close()
    ts = [threading.Thread(target=worker) for _ in range(THREADS)]
    t0 = time.monotonic()
    for t in ts: t.start()
    for t in ts: t.join()
    dt = time.monotonic() - t0
    n = THREADS * PER_THREAD
    print("%-28s %6d requests  %7.0f req/s  %d errors" % (path, n, n / dt, len(errors)))

run("/healthz", {})
run("/api/v1/me", {"Authorization": "Bearer " + sign_in()})
PY
kill "$pid"
wait "$pid" || true
