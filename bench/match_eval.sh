#!/bin/sh
# Recall and false-positive rate of the name matcher on the labelled corpus
# (tests/match/gen_corpus.py: 20,000 entries, ~6,000 queries, fixed seed).
# Usage: BUILD_DIR=build sh bench/match_eval.sh [THRESHOLD]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
out=$here/tests/out/match-corpus
python3 "$here/tests/match/gen_corpus.py" "$out" --entries 20000 --queries 6000
"$build/bench/match_eval" "$out/watchlist.tsv" "$out/queries.tsv" ${1:+"$1"}
echo
echo "baseline for comparison (every 6th query):"
"$build/bench/match_trigram" "$out/watchlist.tsv" "$out/queries.tsv" 6
