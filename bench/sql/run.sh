#!/usr/bin/env bash
# Whole-process benchmark of the SQL engines (issue 12), same run, medians of --runs:
#   Part 2  `workbook egress --engine sqlite|duckdb|postgres` (load + all answers) on a generated 10,000-customer export
#   Part 3  `workbook arr --engine memory|duckdb|postgres` on a generated 250,000-account set, and on the same set with
#           a 3,000-deep chain appended (the shape a plain recursive CTE is slowest on)
#
#   bench/sql/run.sh [--runs N]
#
# Before timing, each part's outputs are compared byte for byte across engines. PostgreSQL is a throwaway cluster
# (initdb into bench/data/pg as the postgres user when run as root, Unix socket only, fsync off as in the tests),
# stopped and removed at exit. Release build. Data under bench/data/ (git-ignored). Results print as markdown (also
# bench/data/sql-results.md), with the load average before and after: the machine is shared.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

data="$root/bench/data"
mkdir -p "$data"
results="$data/sql-results.md"
: > "$results"
say() { echo "$*" | tee -a "$results"; }

[ -x /usr/bin/time ] || { apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { apt-get install -y -qq postgresql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); }

# --- a throwaway PostgreSQL cluster ------------------------------------------------------------------------
pg="$data/pg"
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
stop_pg() {
  [ -f "$pg/data/postmaster.pid" ] && "${as_pg[@]}" "$bin/pg_ctl" -D "$pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pg"
}
trap stop_pg EXIT
stop_pg
mkdir -p "$pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$pg"
"${as_pg[@]}" "$bin/initdb" -D "$pg/data" -U workbook --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w \
  -o "-c listen_addresses='' -k $pg -p 5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export PGHOST="$pg" PGPORT=5432 PGUSER=workbook PGDATABASE=postgres

echo "building Release" >&2
dotnet build tools/workbook/Workbook.Cli.csproj -c Release --nologo -v quiet >/dev/null
workbook="$root/artifacts/bin/Workbook.Cli/release/workbook"

# --- data --------------------------------------------------------------------------------------------------
egress="$data/egress-10k"
[ -f "$egress/Metronome Sample Egress Data - events.csv" ] || "$workbook" generate egress --out "$egress" --customers 10000 --seed 1 >/dev/null
arr="$data/arr-250k"
[ -f "$arr/accounts.csv" ] || "$workbook" generate arr --out "$arr" --accounts 250000 --seed 20240630 >/dev/null
chain="$data/arr-250k-chain3000"
if [ ! -f "$chain/accounts.csv" ]; then
  mkdir -p "$chain"
  cp "$arr/subscriptions.csv" "$arr/subscription_items.csv" "$chain/"
  # 3,000 accounts in one chain under the first account (same columns; ids that cannot collide with the generator's).
  python3 - "$arr/accounts.csv" "$chain/accounts.csv" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().splitlines()
header = lines[0].split(",")
first = lines[1].split(",")[0]
out = lines[:]
parent = first
for i in range(3000):
    row = [""] * len(header)
    row[header.index("id")] = f"chain-{i:04d}"
    row[header.index("parent_id")] = parent
    row[header.index("name")] = f"Chain {i}"
    out.append(",".join(row))
    parent = f"chain-{i:04d}"
open(dst, "w", encoding="utf-8", newline="\n").write("\n".join(out) + "\n")
PY
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# time_runs LABEL CMD...: median wall seconds and median peak RSS (MB) of $runs runs
time_runs() {
  local label="$1"; shift
  local walls=() rss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" >/dev/null 2>"$data/stderr.txt" || { cat "$data/stderr.txt" >&2; exit 1; }
    read -r wall kb < "$data/time.txt"
    walls+=("$wall"); rss+=("$kb")
  done
  printf '%s\t%s\t%s\n' "$label" "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%d", $1/1024}')"
}

say "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; runs per row: $runs"
say ""

# --- agreement ---------------------------------------------------------------------------------------------
for engine in sqlite duckdb postgres; do
  "$workbook" egress --engine "$engine" --data "$egress" --out "$data/egress-out-$engine" >/dev/null
done
diff -r "$data/egress-out-sqlite" "$data/egress-out-duckdb" >/dev/null && diff -r "$data/egress-out-sqlite" "$data/egress-out-postgres" >/dev/null \
  && say "- Part 2: the three engines' answer CSVs are byte-identical on the 10,000-customer export" \
  || { say "- Part 2: the engines' answers DIFFER"; exit 1; }
for set in "$arr" "$chain"; do
  for engine in memory duckdb postgres; do
    "$workbook" arr --engine "$engine" --accounts "$set/accounts.csv" --subscriptions "$set/subscriptions.csv" \
      --items "$set/subscription_items.csv" --as-of 2023-06-30 --out "$data/arr-out-$engine.csv" >/dev/null
  done
  cmp -s "$data/arr-out-memory.csv" "$data/arr-out-duckdb.csv" && cmp -s "$data/arr-out-memory.csv" "$data/arr-out-postgres.csv" \
    && say "- ARR $(basename "$set"): duckdb and postgres write the in-memory engine's bytes" \
    || { say "- ARR $(basename "$set"): outputs DIFFER"; exit 1; }
done
say ""

# --- timings -----------------------------------------------------------------------------------------------
say "| work | engine | median wall s | median peak MB |"
say "|---|---|---:|---:|"
for engine in sqlite duckdb postgres; do
  time_runs "$engine" "$workbook" egress --engine "$engine" --data "$egress" --out "$data/egress-out-$engine" \
    | awk -F'\t' '{printf "| Part 2, 10,000 customers (load + answers) | %s | %.2f | %s |\n", $1, $2, $3}' | tee -a "$results"
done
for set in "$arr" "$chain"; do
  for engine in memory duckdb postgres; do
    time_runs "$engine" "$workbook" arr --engine "$engine" --accounts "$set/accounts.csv" --subscriptions "$set/subscriptions.csv" \
      --items "$set/subscription_items.csv" --as-of 2023-06-30 --out "$data/arr-out-$engine.csv" \
      | awk -F'\t' -v set="$(basename "$set")" '{printf "| ARR %s | %s | %.2f | %s |\n", set, $1, $2, $3}' | tee -a "$results"
  done
done
say ""
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
