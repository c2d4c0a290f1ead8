#!/bin/sh
# bench/parse/run.sh [BUILD_DIR] [SIZES]: parse time per MB for each input
# shape of bench/parse/gen.py at 1, 10 and 60 MB (issue 18, "No input may be
# slow"; the target is about 1 s per 10 MB whatever the shape). Not a test:
# it prints figures. Each run is `resdiff parse --format=summary`, whole
# process, user+system CPU time (less noisy than wall time on a shared
# machine) and peak memory, from GNU time. A run that takes longer than
# TIMEOUT seconds (default 300) is stopped and shown as such.
set -eu
build=${1:-build}
sizes=${2:-"1 10 60"}
timeout=${TIMEOUT:-300}
src=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$build" && pwd)/resdiff
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '%-10s %6s %10s %10s %10s\n' shape MB "cpu s" "s per MB" "peak MB"
for shape in repeated many huge tiny nonumbers footnotes; do
	for mb in $sizes; do
		f="$tmp/$shape.$mb.txt"
		python3 "$src/bench/parse/gen.py" "$shape" "$mb" "$f"
		bytes=$(wc -c <"$f")
		if timeout "$timeout" /usr/bin/time -f '%U %S %M' -o "$tmp/time" \
			"$bin" parse --format=summary "$f" >"$tmp/out" 2>/dev/null; then
			read -r user sys peak <"$tmp/time"
			awk -v s="$shape" -v b="$bytes" -v u="$user" -v y="$sys" -v p="$peak" 'BEGIN {
				mb = b / 1048576; t = u + y
				printf "%-10s %6.1f %10.2f %10.3f %10.0f\n", s, mb, t, t / mb, p / 1024 }'
		else
			printf '%-10s %6s %10s\n' "$shape" "$mb" ">${timeout}s"
		fi
		rm -f "$f"
	done
done
