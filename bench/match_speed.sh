#!/bin/sh
# Build time, memory and screening latency of the name matcher with a
# 1,000,000-entry watchlist (tests/match/gen_corpus.py, fixed seed), one core.
# Takes about two minutes; the generated files (~60 MB) go to tests/out/.
# Usage: BUILD_DIR=build sh bench/match_speed.sh
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
out=$here/tests/out/match-1m
if [ ! -s "$out/queries.tsv" ]; then
	python3 "$here/tests/match/gen_corpus.py" "$out" --entries 1000000 --queries 10000
fi
"$build/bench/match_speed" "$out/watchlist.tsv" "$out/queries.tsv"
