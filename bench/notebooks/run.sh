#!/usr/bin/env bash
# Whole-process benchmark of `workbook notebooks run` on the three committed notebooks (the headless runner):
# RUNS runs of one process each (start, execute every cell of 01, 02 and 03, write the executed notebooks to a
# scratch folder, exit), timed by /usr/bin/time; prints each run and the median wall time and peak memory.
#
#   bench/notebooks/run.sh            # 5 runs, Release build
#   RUNS=3 bench/notebooks/run.sh
#
# Needs: the .NET SDK, GNU time (/usr/bin/time; apt-get install -y time), the exercise export found as in Part 2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${RUNS:-5}"
command -v /usr/bin/time >/dev/null || { echo "error: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }

echo "== build (Release)" >&2
dotnet build tools/workbook/Workbook.Cli.csproj -c Release --nologo -v quiet >&2
exe="artifacts/bin/Workbook.Cli/release/workbook"
work="bench/data/notebooks"
mkdir -p "$work"

echo "== warm-up run (first restore of the workbook's package, first JIT of the build)" >&2
"$exe" notebooks run --out "$work/out" >/dev/null

walls=(); rss=()
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$exe" notebooks run --out "$work/out" >/dev/null
  read -r wall kb <"$work/time.txt"
  walls+=("$wall"); rss+=("$kb")
  echo "run $i: ${wall} s, $((kb / 1024)) MB (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median wall: $(median "${walls[@]}") s over $runs runs; median peak memory: $(( $(median "${rss[@]}" | cut -d. -f1) / 1024 )) MB"
