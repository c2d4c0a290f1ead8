#!/bin/sh
# bench/align/run.sh [BINARY] [SHAPES] [N] [FACTORS]: how the diff of two
# texts grows with their size for each shape of bench/align/gen.py (issue
# 18, "No input may be slow"). Not a test: it prints figures. Per shape and
# size (N x each factor, clauses a side; default N 1000, tiny 6250 so that
# its 16x is 100 000 clauses; factors "1 4 16"), one whole process
# `resdiff diff --no-pager --stat --timing OLD NEW`:
#   steps   the aligner's candidate-search steps (resdiff_alignment.work,
#           "align search steps" of --timing): an operation count, load-free
#   growth  steps / steps at the smallest size, to compare with the factor
#   parse, align, edits  milliseconds of wall time (--timing), and CPU
#           seconds (user+sys) of the process
# With INSTR=1, the process's instructions too (valgrind --tool=callgrind,
# deterministic, ~50x slower). A run longer than TIMEOUT seconds (default
# 300) is stopped and shown as such.
set -eu
bin=${1:-build/resdiff}
shapes=${2:-"punct number word prefix huge tiny"}
base=${3:-}
factors=${4:-"1 4 16"}
timeout=${TIMEOUT:-300}
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-7s %7s %12s %7s %9s %9s %9s %7s %14s\n' shape clauses steps growth "parse ms" \
	"align ms" "edits ms" "CPU s" instructions
for shape in $shapes; do
	n=${base:-1000}
	[ -z "$base" ] && [ "$shape" = tiny ] && n=6250
	first=
	for f in $factors; do
		size=$((n * f))
		python3 "$src/bench/align/gen.py" "$shape" "$size" "$tmp/$shape"
		status=0
		timeout "$timeout" /usr/bin/time -f '%U %S' -o "$tmp/time" "$bin" diff --no-pager --stat \
			--timing "$tmp/$shape/old.txt" "$tmp/$shape/new.txt" >/dev/null 2>"$tmp/err" ||
			status=$?
		if [ "$status" -eq 124 ]; then
			printf '%-7s %7s %12s\n' "$shape" "$size" ">${timeout}s"
			continue
		fi
		if [ "$status" -gt 1 ]; then
			printf '%-7s %7s %12s %s\n' "$shape" "$size" "error" "$(head -n 1 "$tmp/err")"
			continue
		fi
		ins=-
		if [ "${INSTR:-0}" = 1 ]; then
			valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" diff --no-pager \
				--stat "$tmp/$shape/old.txt" "$tmp/$shape/new.txt" >/dev/null 2>"$tmp/cg" || true
			ins=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$tmp/cg")
		fi
		steps=$(sed -n 's/.*align search steps \([0-9]*\).*/\1/p' "$tmp/err")
		[ -z "$first" ] && first=$steps
		awk -v s="$shape" -v n="$size" -v w="$steps" -v w0="$first" -v ins="$ins" \
			-v t="$(grep 'resdiff diff:' "$tmp/err")" -v cpu="$(tail -n 1 "$tmp/time")" 'BEGIN {
			match(t, /parse [0-9.]+/); p = substr(t, RSTART + 6, RLENGTH - 6)
			match(t, /align [0-9.]+/); a = substr(t, RSTART + 6, RLENGTH - 6)
			match(t, /word edits [0-9.]+/); e = substr(t, RSTART + 11, RLENGTH - 11)
			split(cpu, c, " ")
			printf "%-7s %7d %12d %6.1fx %9.1f %9.1f %9.1f %7.2f %14s\n", s, n, w,
				w0 ? w / w0 : 0, p, a, e, c[1] + c[2], ins }'
	done
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
