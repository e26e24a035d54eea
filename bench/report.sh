#!/bin/sh
# The statistics dashboard's requests over HTTP at scale: imports CASES
# (default 1,000,000) generated cases (about 1.5 person links and 0.5
# seizures a case) into a demo node, serves it, and times
# GET /api/v1/reports/stats for one country over the whole period (the
# target: at most 500 ms with 1,000,000 cases), the dashboard's three
# grouped requests (by month, unit, drug) and the CSV download. Server-side
# time as the client sees it on loopback; best of 3. Bounded: one import,
# a dozen requests, each with a 120 s timeout.
set -eu
bin=${REDLINE_BIN:?}
n=${CASES:-1000000}
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
db="$dir/bench.db"
"$bin" --db "$db" init --demo >/dev/null
"$bin" case generate --seed 1 --count "$n" --out "$dir/cases.jsonl" 2>/dev/null
a=$(date +%s)
"$bin" --db "$db" case import "$dir/cases.jsonl" >/dev/null
echo "import of $n cases: $(( $(date +%s) - a )) s"
rm -f "$dir/cases.jsonl"
"$bin" --db "$db" serve --listen 127.0.0.1:0 >"$dir/out" 2>/dev/null &
pid=$!
i=0
while ! grep -q '^listening on' "$dir/out" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 600 ] || { echo "server did not start"; exit 1; }
	sleep 0.1
done
port=$(sed -n 's/^listening on http:\/\/[^:]*:\([0-9]*\)$/\1/p' "$dir/out")
python3 - "$port" <<'PY'
import http.client, json, sys, time
port = int(sys.argv[1])
c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
c.request("POST", "/api/v1/session", body=json.dumps({"login": "analyst", "password": "redline-demo"}),
          headers={"Content-Type": "application/json"})
tok = json.loads(c.getresponse().read())["token"]
H = {"Authorization": "Bearer " + tok}
P = "from=2015-01-01&to=2025-12-31"

def best(path):
    times = []
    for _ in range(3):
        t = time.perf_counter()
        c.request("GET", path, headers=H)
        r = c.getresponse()
        body = r.read()
        times.append((time.perf_counter() - t) * 1000)
        if r.status != 200:
            raise SystemExit("%s answered %d: %s" % (path, r.status, body[:200]))
    return min(times), body

for label, q in [("stats, one country, whole period", "/api/v1/reports/stats?%s&country=VNM" % P),
                 ("stats, one country, border only", "/api/v1/reports/stats?%s&country=VNM&border_only=true" % P),
                 ("stats, both countries, by month", "/api/v1/reports/stats?%s&by=month" % P),
                 ("stats, both countries, by province", "/api/v1/reports/stats?%s&by=unit" % P),
                 ("stats, both countries, by drug", "/api/v1/reports/stats?%s&by=drug" % P),
                 ("stats.csv, one country, by month", "/api/v1/reports/stats.csv?%s&country=VNM&by=month" % P)]:
    ms, body = best(q)
    extra = ""
    if not q.startswith("/api/v1/reports/stats.csv"):
        extra = " (%d cases)" % json.loads(body)["cases"]
    print("%s: %d ms (best of 3)%s" % (label, ms, extra))
PY
