#!/usr/bin/env bash
# Whole-process benchmark of `workbook customer-summary` against a local sandbox serving CUSTOMERS customers
# (generated export) with LATENCY_MS of injected latency on every request, at each concurrency in CONCURRENCY.
# For each run it reports the wall time, the requests the sandbox received, the bound
# requests x latency / concurrency, their ratio, and the command's peak memory (max RSS). Medians over RUNS runs.
#
#   bench/customer-summary/run.sh                 # 10,000 customers, 20 ms, concurrency 8 and 32, 3 runs
#   CUSTOMERS=2000 RUNS=1 bench/customer-summary/run.sh
#
# Needs: the .NET SDK, curl, GNU time (/usr/bin/time; apt-get install -y time). Data goes to bench/data/ (ignored by git).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

customers="${CUSTOMERS:-10000}"
latency="${LATENCY_MS:-20}"
concurrencies="${CONCURRENCY:-8 32}"
runs="${RUNS:-3}"
data="bench/data/egress-$customers"
work="bench/data/customer-summary"
token="bench-$RANDOM$RANDOM"

for tool in curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install -y curl time)" >&2; exit 1; }
done

echo "== build (Release)" >&2
dotnet build tools/workbook/Workbook.Cli.csproj -c Release --nologo -v quiet >&2
exe="artifacts/bin/Workbook.Cli/release/workbook"

if [ ! -d "$data" ]; then
  echo "== generate $customers customers into $data" >&2
  "$exe" generate egress --out "$data" --customers "$customers" >&2
fi

mkdir -p "$work"
log="$work/sandbox.log"
echo "== start the sandbox ($latency ms latency)" >&2
"$exe" sandbox --data "$data" --token "$token" --latency-ms "$latency" >"$log" 2>&1 &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null || true; wait "$sandbox" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q '^METRONOME_BASE_URL=' "$log" && break
  kill -0 "$sandbox" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
url="$(sed -n 's/^METRONOME_BASE_URL=//p' "$log")"
[ -n "$url" ] || { echo "error: the sandbox did not start" >&2; cat "$log" >&2; exit 1; }
head -1 "$log" >&2

requests_so_far() { curl -fsS "${url}_sandbox/stats" | sed 's/.*"requests":\([0-9]*\).*/\1/'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The machine may be shared: the load average before and after says how much the numbers can be trusted.
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf '| concurrency | requests | bound (s) | wall (s), median of %s | wall / bound | peak RSS (MB) |\n|---|---|---|---|---|---|\n' "$runs"
for c in $concurrencies; do
  : >"$work/c$c.txt"
  for run in $(seq 1 "$runs"); do
    before="$(requests_so_far)"
    METRONOME_BEARER_TOKEN="$token" /usr/bin/time -f '%e %M' -o "$work/time.txt" \
      "$exe" customer-summary --out "$work/summary-c$c.csv" --base-url "$url" --concurrency "$c" >/dev/null
    after="$(requests_so_far)"
    # The stats call itself is counted once between the two readings.
    echo "$((after - before - 1)) $(cat "$work/time.txt")" >>"$work/c$c.txt"
  done
  requests="$(awk '{ print $1 }' "$work/c$c.txt" | median)"
  wall="$(awk '{ print $2 }' "$work/c$c.txt" | median)"
  rss="$(awk '{ print $3 / 1024 }' "$work/c$c.txt" | median)"
  awk -v c="$c" -v n="$requests" -v w="$wall" -v l="$latency" -v m="$rss" \
    'BEGIN { b = n * l / 1000 / c; printf "| %d | %d | %.1f | %.1f | %.2f | %.0f |\n", c, n, b, w, w / b, m }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
wc -l <"$work/summary-c${concurrencies##* }.csv" | awk '{ printf "\n(%d rows written per run, header included)\n", $1 }'
