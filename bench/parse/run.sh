#!/bin/sh
# bench/parse/run.sh [BUILD_DIR] [SIZES]: parse and check time per MB for
# each input shape of bench/parse/gen.py at 1, 10 and 60 MB (issue 18, "No
# input may be slow"; the target is about 1 s per 10 MB whatever the
# shape). Not a test: it prints figures. Each run is one whole process,
# `resdiff parse --format=summary FILE` then `resdiff check FILE`, timed as
# user+system CPU seconds (less noisy than wall time on a shared machine)
# with peak memory, from GNU time. A run longer than TIMEOUT seconds
# (default 300) is stopped and shown as such.
set -eu
build=${1:-build}
sizes=${2:-"1 10 60"}
timeout=${TIMEOUT:-300}
src=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$build" && pwd)/resdiff
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# time_run FILE ARGS...: "cpu-seconds peak-MB", or ">TIMEOUTs"
time_run() {
	f=$1
	shift
	status=0
	timeout "$timeout" /usr/bin/time -f '%U %S %M' -o "$tmp/time" \
		"$bin" "$@" "$f" >/dev/null 2>&1 || status=$?
	# 124: stopped by timeout; resdiff check exits 1 on findings
	if [ "$status" -eq 124 ] || [ "$status" -gt 1 ]; then
		echo ">${timeout}s -"
		return
	fi
	tail -n 1 "$tmp/time" | awk '{ printf "%.2f %.0f\n", $1 + $2, $3 / 1024 }'
}

printf '%-10s %6s | %8s %9s %8s | %8s %9s %8s\n' shape MB "parse s" "s per MB" "peak MB" \
	"check s" "s per MB" "peak MB"
for shape in repeated many huge tiny nonumbers footnotes; do
	for mb in $sizes; do
		f="$tmp/$shape.$mb.txt"
		python3 "$src/bench/parse/gen.py" "$shape" "$mb" "$f"
		size=$(awk -v b="$(wc -c <"$f")" 'BEGIN { printf "%.1f", b / 1048576 }')
		set -- $(time_run "$f" parse --format=summary) $(time_run "$f" check)
		awk -v s="$shape" -v mb="$size" -v pt="$1" -v pm="$2" -v ct="$3" -v cm="$4" 'BEGIN {
			pp = pt ~ /^>/ ? "-" : sprintf("%.3f", pt / mb)
			cp = ct ~ /^>/ ? "-" : sprintf("%.3f", ct / mb)
			printf "%-10s %6.1f | %8s %9s %8s | %8s %9s %8s\n", s, mb, pt, pp, pm, ct, cp, cm }'
		rm -f "$f"
	done
done
