#!/usr/bin/env bash
# The CSV library choice, measured: Sep, CsvHelper and Sylvan.Data.Csv parse the same unseen-shaped 250k ARR set
# (bench/arr/gen_unseen.py: quoted names with commas and quotes, a byte-order mark, CRLF), every field of every row,
# as one whole process each, timed by /usr/bin/time; the median, minimum and maximum of N runs are reported.
# Before timing: the three must read the same rows and fields, and a file with a quoted multi-line field shows
# which library can name the physical line a row starts on.
#
#   bench/csv/run.sh [--runs N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs=7
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

data="$root/bench/data"
set="$data/unseen-250000"
mkdir -p "$data"
[ -f "$set/subscription_items.csv" ] || /usr/bin/python3 bench/arr/gen_unseen.py "$set" 250000
dotnet build bench/csv/CsvBench.csproj -c Release --nologo -v quiet >/dev/null
bench="$root/artifacts/bin/CsvBench/release/CsvBench"
files=("$set/accounts.csv" "$set/subscriptions.csv" "$set/subscription_items.csv")
libraries=(sep csvhelper sylvan)

echo "## Agreement (the three files, every field)"
echo
for lib in "${libraries[@]}"; do echo "- $("$bench" "$lib" "${files[@]}")"; done
echo
# Line 3 holds a quoted field that runs over lines 3-4; the last row starts on line 5.
printf 'id,name\r\n1,plain\r\n2,"two\r\nlines, ""quoted"""\r\n3,last\r\n' > "$data/multiline.csv"
echo "## Physical line of the last row of a file with a quoted multi-line field (it starts on line 5)"
echo
for lib in "${libraries[@]}"; do echo "- $("$bench" "$lib" "$data/multiline.csv")"; done
echo
echo "## Writing the accounts file back (every field, quoted only where needed, LF)"
echo
for lib in "${libraries[@]}"; do "$bench" write "$lib" "$set/accounts.csv" "$data/csv-write-$lib.csv"; done
for lib in csvhelper sylvan; do
  if cmp -s "$data/csv-write-sep.csv" "$data/csv-write-$lib.csv"; then echo "- $lib writes the same bytes as sep"; else echo "- $lib writes OTHER bytes than sep"; fi
done
echo
echo "## Timings: 250k accounts + 45k subscriptions + 136k items (44 MB), whole process, $runs runs"
echo
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| library | median wall s | min | max | median user s | median peak MB |"
echo "|---|---:|---:|---:|---:|---:|"
for lib in "${libraries[@]}"; do
  : > "$data/csv-times.txt"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %M" -o "$data/csv-one.time" "$bench" "$lib" "${files[@]}" >/dev/null
    cat "$data/csv-one.time" >> "$data/csv-times.txt"
  done
  /usr/bin/python3 - "$data/csv-times.txt" "$lib" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
wall = [float(r[0]) for r in rows]
user = [float(r[1]) for r in rows]
peak = [int(r[2]) / 1024 for r in rows]
print(f"| {sys.argv[2]} | {statistics.median(wall):.3f} | {min(wall):.3f} | {max(wall):.3f} | {statistics.median(user):.3f} | {statistics.median(peak):.0f} |")
PY
done
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
