#!/bin/sh
# Redline's name matcher against PostgreSQL pg_trgm, side by side in one run.
#
# Loads the matcher bench's watchlist (tests/match/gen_corpus.py, fixed
# seed) into a throwaway PostgreSQL cluster (Debian's postgresql with
# pg_trgm and unaccent, a GIN trigram index on lower(unaccent(name))), runs
# a fixed sample of the corpus queries there (similarity, top 5) and through
# Redline's matcher, and prints one table: queries/s, mean and p99 ms per
# query, the throughput ratio, recall (true entry in the top 5 at or above
# the threshold) and the false-positive rate on innocent travellers, overall
# and for a few variants. pg_trgm is run twice: on the name alone, and with
# the birth year (within one) and sex as SQL filters; its threshold is the
# lowest whose FPR on the sample is at most Redline's (or 0.02), found on a
# first pass at pg_trgm's default 0.3; the figures are from a second pass
# at that threshold.
#
# Usage: BUILD_DIR=build sh bench/match_pg.sh [--entries N] [--sample N]
#   --entries N   watchlist size (default 100000; the issue's size is
#                 1000000, which shares tests/out/match-1m with match_speed.sh)
#   --sample N    queries run on both sides (default 500, every k-th query)
# Also read from PG_ENTRIES and PG_SAMPLE. Needs Debian's postgresql
# (scripts/install-deps --bench); skipped with a message when it is missing.
# As root, PostgreSQL runs as the user postgres. Nothing listens on TCP: the
# cluster lives in a temporary directory with its unix socket, removed on exit.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
entries=${PG_ENTRIES:-100000}
sample=${PG_SAMPLE:-500}
while [ $# -gt 0 ]; do
	case "$1" in
	--entries) entries=${2:?--entries needs a number}; shift 2 ;;
	--sample) sample=${2:?--sample needs a number}; shift 2 ;;
	*) echo "match_pg: unknown argument '$1' (--entries N, --sample N)" >&2; exit 2 ;;
	esac
done
case "$entries$sample" in *[!0-9]*) echo "match_pg: sizes must be numbers" >&2; exit 2 ;; esac

# Debian keeps the server's programs out of PATH, one directory per version.
pgbin=${PG_BIN:-}
if [ -z "$pgbin" ]; then
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && pgbin=$d
	done
fi
if [ -z "$pgbin" ] && command -v initdb >/dev/null 2>&1; then
	pgbin=$(dirname "$(command -v initdb)")
fi
if [ -z "$pgbin" ] || [ ! -x "$pgbin/postgres" ]; then
	echo "match_pg: skipped: PostgreSQL is not installed (scripts/install-deps --bench installs Debian's postgresql)"
	exit 0
fi
runas=""
if [ "$(id -u)" = 0 ]; then
	# The server refuses to run as root.
	if ! id postgres >/dev/null 2>&1; then
		echo "match_pg: skipped: running as root and there is no user 'postgres' to run the server"
		exit 0
	fi
	runas="runuser -u postgres --"
fi
[ -x "$build/bench/match_sample" ] || { echo "match_pg: build first (no $build/bench/match_sample)" >&2; exit 1; }

if [ "$entries" = 1000000 ]; then
	corpus=$here/tests/out/match-1m
else
	corpus=$here/tests/out/match-$entries
fi
if [ ! -s "$corpus/queries.tsv" ]; then
	python3 "$here/tests/match/gen_corpus.py" "$corpus" --entries "$entries" --queries 10000
fi

dir=$(mktemp -d)
pgdata=$dir/data
cleanup() {
	if [ -f "$pgdata/postmaster.pid" ]; then
		$runas "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[ -z "$runas" ] || chown postgres "$dir"

# A fixed sample: every k-th query of the corpus, in file order.
nq=$(wc -l <"$corpus/queries.tsv")
step=$((nq / sample))
[ "$step" -ge 1 ] || step=1
awk -v k="$step" -v n="$sample" 'NR % k == 1 % k && c < n { print; c++ }' "$corpus/queries.tsv" >"$dir/sample.tsv"
chmod a+r "$dir/sample.tsv"
echo "match_pg: $entries entries, $(wc -l <"$dir/sample.tsv") queries (every ${step}th of ${corpus#"$here"/}/queries.tsv)"

# ---- Redline ----
"$build/bench/match_sample" "$corpus/watchlist.tsv" "$dir/sample.tsv" >"$dir/redline.out"

# ---- PostgreSQL ----
# fsync off: a throwaway cluster; one core per query (no parallel workers),
# no JIT compilation; the table and index fit in shared_buffers and are
# prewarmed, as Redline's index is in memory.
$runas "$pgbin/initdb" -D "$pgdata" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
	{ cat "$dir/initdb.log" >&2; exit 1; }
$runas "$pgbin/pg_ctl" -D "$pgdata" -l "$dir/server.log" -w -o "-c listen_addresses='' \
	-c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off \
	-c shared_buffers=1GB -c maintenance_work_mem=512MB -c work_mem=64MB \
	-c max_parallel_workers_per_gather=0 -c max_parallel_maintenance_workers=0 -c jit=off" start >/dev/null ||
	{ cat "$dir/server.log" >&2; exit 1; }
psql() { "$pgbin/psql" -h "$dir" -U bench -d postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
t0=$(date +%s)
if ! psql -c "CREATE EXTENSION pg_trgm; CREATE EXTENSION unaccent; CREATE EXTENSION pg_prewarm;" 2>"$dir/ext.err"; then
	echo "match_pg: skipped: $(head -1 "$dir/ext.err") (Debian's postgresql ships pg_trgm and unaccent)"
	exit 0
fi
# tab-separated without quoting: \x01 never occurs in the corpus
psql <<EOF
CREATE FUNCTION fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS \$\$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, t)) \$\$;
CREATE TABLE watch (id text PRIMARY KEY, names text NOT NULL, birth text, sex text, nat text, doc text);
\\copy watch FROM '$corpus/watchlist.tsv' WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')
-- one row per name (aliases too); birth year and sex for the filtered run
CREATE TABLE names (entry_id text NOT NULL, name_fold text NOT NULL, birth_year int, sex text);
INSERT INTO names SELECT id, fold(n), left(birth, 4)::int, sex
  FROM watch, unnest(string_to_array(names, ' | ')) AS n;
CREATE INDEX names_trgm ON names USING gin (name_fold gin_trgm_ops);
VACUUM ANALYZE names;
CREATE TABLE q (qid text, variant text, truth text, name text, birth text, sex text, nat text, doc text);
\\copy q FROM '$dir/sample.tsv' WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')
DO \$\$ BEGIN PERFORM pg_prewarm('names'); PERFORM pg_prewarm('names_trgm'); END \$\$;

-- Runs every sample query at similarity threshold t (the % operator,
-- served by the GIN index), top 5 entries by similarity; filtered: only
-- entries born within a year of the traveller and of the same sex, when
-- both are known. One line per query, as bench/match_sample prints.
CREATE FUNCTION run(t real, filtered boolean) RETURNS SETOF text LANGUAGE plpgsql AS \$\$
DECLARE
  r record; t0 timestamptz; qf text; qy int; res text;
BEGIN
  PERFORM set_config('pg_trgm.similarity_threshold', t::text, true);
  FOR r IN SELECT * FROM q ORDER BY qid LOOP
    t0 := clock_timestamp();
    qf := fold(r.name);
    qy := left(r.birth, 4)::int;
    SELECT string_agg(e || '=' || round(s::numeric, 4), ';' ORDER BY s DESC, e) INTO res
      FROM (SELECT entry_id AS e, max(s) AS s
              FROM (SELECT entry_id, similarity(name_fold, qf) AS s FROM names
                     WHERE name_fold % qf
                       AND (NOT filtered OR ((qy IS NULL OR birth_year IS NULL OR abs(birth_year - qy) <= 1)
                                             AND (r.sex IS NULL OR sex IS NULL OR sex = r.sex)))
                     ORDER BY s DESC LIMIT 20) c
             GROUP BY entry_id ORDER BY s DESC LIMIT 5) top;
    RETURN NEXT concat_ws(E'\t', r.qid, r.variant, r.truth,
                          round((extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric, 4),
                          coalesce(res, ''));
  END LOOP;
END \$\$;
EOF
echo "match_pg: PostgreSQL loaded and indexed in $(($(date +%s) - t0)) s"

# One pass: a line per query (wall-clock milliseconds: PostgreSQL cannot
# time one query's CPU), then "cpu MS", the backend's CPU time over the
# pass from /proc: the fair total on a shared machine.
pass() { # threshold filtered out
	echo "match_pg: pg_trgm pass at threshold $1$([ "$2" = true ] && echo ', birth year and sex filtered')..."
	psql -A -t >"$3" <<EOF
SELECT pg_backend_pid() AS pid \\gset
\\setenv RL_PID :pid
\\! cat /proc/\$RL_PID/stat >"$3.cpu0"
SELECT run($1, $2);
\\! cat /proc/\$RL_PID/stat >"$3.cpu1"
EOF
	awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { c0 = $14 + $15; next } { printf "cpu\t%.1f\n", ($14 + $15 - c0) * 1000 / hz }' \
		"$3.cpu0" "$3.cpu1" >>"$3"
}
report=$here/bench/match_pg_report.py
rl_fpr=$(python3 "$report" fpr "$dir/redline.out")
for mode in name filtered; do
	filt=false
	[ "$mode" = filtered ] && filt=true
	pass 0.30 "$filt" "$dir/pg-$mode-0.30.out"
	t=$(python3 "$report" choose "$dir/pg-$mode-0.30.out" "$rl_fpr")
	echo "match_pg: pg_trgm ($mode) threshold $t"
	if [ "$t" = 0.30 ]; then
		cp "$dir/pg-$mode-0.30.out" "$dir/pg-$mode.out"
	else
		pass "$t" "$filt" "$dir/pg-$mode.out"
	fi
done
python3 "$report" table "$dir/redline.out" "$dir/pg-name-0.30.out" "$dir/pg-name.out" \
	"$dir/pg-filtered-0.30.out" "$dir/pg-filtered.out"
