#!/usr/bin/env bash
# Whole-process benchmark of `workbook arr movements` (36 month ends, 2022-07 to 2025-06, by hierarchy) against the
# single-date rollup (`workbook arr --as-of 2023-06-30`) on the same generated 250,000-account set, in the same run:
# the two commands alternate, each run one process (start, three CSVs in, CSVs out) timed by /usr/bin/time. Reports
# the median, minimum and maximum wall time, the median CPU time (user + system) and the median peak RSS, and the
# ratio of the medians (the target: movements within 2x the rollup).
#
#   bench/arr/movements.sh [--runs N] [--accounts N]
#
# Release build; data and outputs go to bench/data/movements/ (git-ignored). Prints markdown (also
# bench/data/movements-results.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

runs=9
accounts=250000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --accounts) accounts="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

data="$root/bench/data/movements"
mkdir -p "$data"
results="$root/bench/data/movements-results.md"
: > "$results"
say() { echo "$*" | tee -a "$results"; }

echo "building Release" >&2
dotnet build tools/workbook/Workbook.Cli.csproj -c Release --nologo -v quiet >/dev/null
workbook="$root/artifacts/bin/Workbook.Cli/release/workbook"
"$workbook" generate arr --out "$data/in" --accounts "$accounts" >&2
inputs=(--accounts "$data/in/accounts.csv" --subscriptions "$data/in/subscriptions.csv" --items "$data/in/subscription_items.csv")
rollup=("$workbook" arr "${inputs[@]}" --as-of 2023-06-30 --out "$data/accounts.csv")
movements=("$workbook" arr movements "${inputs[@]}" --from 2022-07 --to 2025-06 --out "$data/out")

# One untimed run of each (file cache, and the outputs' check below).
"${rollup[@]}" >/dev/null
"${movements[@]}" >/dev/null

# time_one NAME COMMAND...: appends "wall cpu peak_kb" to $data/NAME.times
time_one() {
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$data/time.tmp" "$@" >/dev/null
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$data/time.tmp" >> "$data/$name.times"
}

rm -f "$data"/*.times
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
  time_one rollup "${rollup[@]}"
  time_one movements "${movements[@]}"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# stats NAME: "median min max median_cpu median_peak_mb"
stats() {
  sort -n -k1 "$data/$1.times" | awk '{ w[NR] = $1 } END { printf "%.2f %.2f %.2f", w[int((NR + 1) / 2)], w[1], w[NR] }'
  printf ' '
  sort -n -k2 "$data/$1.times" | awk '{ c[NR] = $2 } END { printf "%.2f", c[int((NR + 1) / 2)] }'
  printf ' '
  sort -n -k3 "$data/$1.times" | awk '{ m[NR] = $3 } END { printf "%.0f\n", m[int((NR + 1) / 2)] / 1024 }'
}

read -r r_med r_min r_max r_cpu r_mb <<< "$(stats rollup)"
read -r m_med m_min m_max m_cpu m_mb <<< "$(stats movements)"
say "#### ${accounts} accounts, $(($(wc -l < "$data/in/subscriptions.csv") - 1)) subscriptions, $(($(wc -l < "$data/in/subscription_items.csv") - 1)) items; $runs runs each, alternating"
say ""
say "Load average before: $load_before; after: $load_after. $(nproc) cores."
say ""
say "| command | median wall s | min | max | median CPU s | median peak MB |"
say "|---|---:|---:|---:|---:|---:|"
say "| \`workbook arr --as-of 2023-06-30\` (one date) | $r_med | $r_min | $r_max | $r_cpu | $r_mb |"
say "| \`workbook arr movements --from 2022-07 --to 2025-06\` (36 month ends) | $m_med | $m_min | $m_max | $m_cpu | $m_mb |"
say ""
say "Movements / rollup, medians: wall $(awk -v a="$m_med" -v b="$r_med" 'BEGIN { printf "%.2f", a / b }')x, CPU $(awk -v a="$m_cpu" -v b="$r_cpu" 'BEGIN { printf "%.2f", a / b }')x (target: within 2x)."
say ""
say "Movements wrote $(($(wc -l < "$data/out/arr_bridge.csv") - 1)) bridge rows and $(($(wc -l < "$data/out/arr_movements.csv") - 1)) movements."
