#!/bin/sh
# The 10 000-paragraph pair (python3 bench/diff/gen.py big DIR 10000),
# whole process, `resdiff diff --no-pager --stat`, every binary given run
# once per round, rounds interleaved so that they share the load. Prints
# per binary the median and range of wall time, CPU (user+sys) and peak
# RSS (× the input), and the load average before and after.
#   sh bench/diff/big.sh DIR ROUNDS BINARY...
# An argument "NAME=VALUE:BINARY" runs BINARY with that environment
# variable set (e.g. RESDIFF_NO_PARSE_THREAD=1:build/resdiff).
set -eu
dir=$1 rounds=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
input=$(($(wc -c <"$dir/big_old.txt") + $(wc -c <"$dir/big_new.txt")))
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
r=0
while [ "$r" -lt "$rounds" ]; do
	i=0
	for spec in "$@"; do
		case $spec in
		*=*:*) env=${spec%%:*} bin=${spec#*:} ;;
		*) env=RESDIFF_BENCH_NONE=1 bin=$spec ;;
		esac
		env "$env" /usr/bin/time -a -o "$tmp/$i" -f "%e %U %S %M" "$bin" diff --no-pager --stat \
			"$dir/big_old.txt" "$dir/big_new.txt" >/dev/null
		i=$((i + 1))
	done
	r=$((r + 1))
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
for spec in "$@"; do
	awk -v name="$spec" -v input="$input" '
		function med(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
		function sort(a, n,   i, j, t) {
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		}
		{ n++; wall[n] = $1; cpu[n] = $2 + $3; sys[n] = $3; peak[n] = $4 }
		END {
			sort(wall, n); sort(cpu, n); sort(sys, n); sort(peak, n)
			printf "%s\n  wall %.2f s (%.2f-%.2f)  CPU %.2f s (%.2f-%.2f)  sys %.2f  peak %d KiB (%.1fx)  %d runs\n",
				name, med(wall, n), wall[1], wall[n], med(cpu, n), cpu[1], cpu[n], med(sys, n),
				peak[n], peak[n] * 1024 / input, n
		}' "$tmp/$i"
	i=$((i + 1))
done
