#!/bin/sh
# The hotline under load (docs/performance.md): durable sends from 32
# keep-alive clients (POST /api/v1/messages, each committed to disk before
# its 201; the server commits them in groups), then inbox pages of a unit
# in a database of 1,000,000 messages (the first page, a page filtered by
# state, one by priority, and a page deep down through the cursor) from 1,
# 4 and 32 keep-alive clients, with the server's CPU time per request.
# Loopback only; every run is bounded in count and in time.
set -eu
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
load="${BUILD_DIR:-build}/bench/hotline_load"
db="$dir/b.db"
"$REDLINE_BIN" --db "$db" init --demo >/dev/null

start() {
	: >"$dir/out"
	"$REDLINE_BIN" --db "$db" serve --listen 127.0.0.1:0 --threads 32 >"$dir/out" 2>/dev/null &
	pid=$!
	i=0
	while ! grep -q '^listening on' "$dir/out" 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 400 ] || { echo "server did not start"; exit 1; }
		sleep 0.05
	done
	port=$(sed -n 's/^listening on http:\/\/[^:]*:\([0-9]*\)$/\1/p' "$dir/out")
}
token() {
	python3 -c 'import http.client, json, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=30)
c.request("POST", "/api/v1/session", body=json.dumps({"login": sys.argv[2], "password": "redline-demo"}),
          headers={"Content-Type": "application/json"})
print(json.loads(c.getresponse().read())["token"])' "$port" "$1"
}

# The server's CPU time so far (user + system), in clock ticks.
ticks() {
	awk '{ print $14 + $15 }' "/proc/$pid/stat"
}
hz=$(getconf CLK_TCK)

# run CLIENTS PER_CLIENT WHAT: one bounded load run (at most 120 s), then
# the server's CPU time per request over it and the machine's load average
# (the machine is shared: latencies mean little without it).
run() {
	t0=$(ticks)
	out=$("$load" "$port" "$tok" "$1" "$2" "$3" 120) || true
	t1=$(ticks)
	n=$(echo "$out" | sed -n 's/.* \([0-9]*\) requests .*/\1/p')
	echo "$out" | awk -v t="$((t1 - t0))" -v hz="$hz" -v n="${n:-0}" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
		'{ printf "%s  cpu %.3f ms/req  load %s\n", $0, n ? t * 1000 / hz / n : 0, l }'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start
tok=$(token vn-22-c9001.officer)
"$load" "$port" "$tok" 32 20 send 60 >/dev/null || true      # warm up
run 32 300 send
kill "$pid"; wait "$pid" || true; pid=

# 1,000,000 messages, written straight into the tables (a benchmark
# fixture, not a way to send): a fifth of them to the Nam Kan post.
python3 - "$db" <<'PY'
import sqlite3, sys, time
t0 = time.time()
con = sqlite3.connect(sys.argv[1])
units = dict(con.execute("select code, id from units where demo = 1 or level <= 1"))
user = con.execute("select id from users where login = 'vn-22-c9001.officer'").fetchone()[0]
post, sender = units["LA-XI-V0101"], units["VN-22-C9001"]
others = [u for c, u in sorted(units.items()) if u not in (post, sender)]
N = 1000000
off = con.execute("select coalesce(max(seq), 0) from messages").fetchone()[0]
base = int(time.time() * 1000) - N * 1000
prios = ("routine", "routine", "urgent", "flash")
states = ("delivered", "read", "acknowledged", "answered", "closed")
def msgs():
    for i in range(1, N + 1):
        mid = "B%025d" % i
        yield (off + i, mid, "HL-B%07d" % i, mid, "information", prios[i % 4], "amber",
               "bench message %d" % i, "Kiểm tra tải", "vi", sender, user, base + i * 1000)
now = int(time.time() * 1000)
def addrs():
    for i in range(1, N + 1):
        u = post if i % 5 == 0 else others[i % len(others)]
        c = base + i * 1000
        st = states[(i // 5) % 5]
        # What the escalation job has done by now: every row still waiting
        # for its acknowledgement past the deadline has gone up once (the
        # server would otherwise spend the benchmark escalating them).
        esc = 1 if st in ("delivered", "read") and c + 86400000 <= now else 0
        yield (off + i, u, st, c, c + 86400000, u, prios[i % 4], esc)
with con:
    con.executemany("insert into messages (seq, id, code, thread_id, kind, priority, tlp, subject, body, lang,"
                    " sender_unit, sender_user, created_ms) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", msgs())
    con.executemany("insert into addressees (msg_seq, unit_id, role, state, created_ms, ack_due_ms, chain_unit,"
                    " priority, escalated) values (?, ?, 'to', ?, ?, ?, ?, ?, ?)", addrs())
con.execute("analyze")
print("filled %d messages in %.0f s" % (N, time.time() - t0))
# A cursor half way down the post's 200,000 messages.
i = N // 2
open(sys.argv[1] + ".cursor", "w").write("%d.%d" % (base + i * 1000, off + i))
PY
start
tok=$(token la-xi-v0101.officer)
inbox="/api/v1/messages?box=inbox&limit=50"
cursor=$(cat "$db.cursor")
"$load" "$port" "$tok" 32 100 "$inbox" 60 >/dev/null || true   # warm up
for path in "$inbox" "$inbox&state=acknowledged" "$inbox&priority=flash" "$inbox&cursor=$cursor"; do
	run 1 2000 "$path"
	run 4 1000 "$path"
	run 32 300 "$path"
done
kill "$pid"; wait "$pid" || true; pid=
