#!/bin/sh
# Cases and statistics at scale: imports CASES (default 1,000,000) random
# cases (about 1.5 person links and 0.5 seizures a case) and times the
# import and full-period reports. Target (docs/reports.md): a full-period
# report for one country in at most 500 ms with 1,000,000 cases.
set -eu
bin=${REDLINE_BIN:?}
n=${CASES:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/bench.db"
"$bin" --db "$db" init >/dev/null
"$bin" case generate --seed 1 --count "$n" --out "$dir/cases.jsonl" 2>/dev/null
now() { date +%s.%N; }
ms() { echo "$1 $2" | awk '{ printf "%d", ($2 - $1) * 1000 }'; }
t0=$(now)
"$bin" --db "$db" case import "$dir/cases.jsonl" >/dev/null
t1=$(now)
echo "import of $n cases: $(ms "$t0" "$t1") ms"
run() {
	label=$1
	shift
	best=999999
	for i in 1 2 3; do
		a=$(now)
		"$bin" --db "$db" report "$@" --format json >/dev/null
		b=$(now)
		t=$(ms "$a" "$b")
		[ "$t" -lt "$best" ] && best=$t
	done
	echo "$label: $best ms (best of 3, whole process)"
}
run "report, one country, 2015-2025" --from 2015-01-01 --to 2025-12-31 --country VNM
run "report, one country, border only, by province" --from 2015-01-01 --to 2025-12-31 --country VNM --border-only --by unit
run "report, both countries, by month" --from 2015-01-01 --to 2025-12-31 --by month
run "report, one country, by drug" --from 2015-01-01 --to 2025-12-31 --country LAO --by drug
