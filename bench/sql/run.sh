#!/usr/bin/env bash
# Whole-process benchmark of the SQL engines, same run, medians of --runs:
#   Part 2  `workbook egress --engine sqlite|duckdb|postgres` (load + all answers) on a generated export
#           (--customers, default 10,000), beside the peer: bench/sql/peer, DuckDB reading the nine raw CSVs itself
#           (read_csv, properties and timestamps parsed in SQL, exact decimals), in rounds that run each program once
#           in turn, so every program meets the same machine load; then each phase (load, each answer) once per
#           embedded engine (bench/sql/phases) and the peer's own phases
#   Part 3  `workbook arr --engine memory|duckdb|postgres` on a generated 250,000-account set, and on the same set with
#           a 3,000-deep chain appended (the shape a plain recursive CTE is slowest on)
#
#   bench/sql/run.sh [--runs N] [--customers N] [--only egress|arr] [--engines "sqlite duckdb postgres"] [--no-build]
#
# Before timing, each part's outputs are compared byte for byte: Part 2's five CSVs of every engine against the
# peer's, the ARR engines against the in-memory one. PostgreSQL is a throwaway cluster (initdb into bench/data/pg as
# the postgres user when run as root, Unix socket only, fsync off as in the tests), stopped and removed at exit.
# Release build. Data under bench/data/ (git-ignored). Results print as markdown (also bench/data/sql-results.md),
# with the load average before and after: the machine is shared, so CPU seconds (user + system) are given too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

runs=5
customers=10000
only=""
engines="sqlite duckdb postgres"
no_build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --customers) customers="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --engines) engines="$2"; shift 2 ;;
    --no-build) no_build=1; shift ;;
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

if [ -z "$no_build" ]; then
  echo "building Release" >&2
  dotnet build tools/workbook/Workbook.Cli.csproj -c Release --nologo -v quiet >/dev/null
  dotnet build bench/sql/peer/SqlPeer.csproj -c Release --nologo -v quiet >/dev/null
  dotnet build bench/sql/phases/SqlPhases.csproj -c Release --nologo -v quiet >/dev/null
fi
workbook="$root/artifacts/bin/Workbook.Cli/release/workbook"
peer="$root/artifacts/bin/SqlPeer/release/SqlPeer"
phases="$root/artifacts/bin/SqlPhases/release/SqlPhases"

# --- data --------------------------------------------------------------------------------------------------
egress="$data/egress-$((customers / 1000))k"
[ "$only" = arr ] || [ -f "$egress/Metronome Sample Egress Data - events.csv" ] \
  || "$workbook" generate egress --out "$egress" --customers "$customers" --seed 1 >/dev/null
arr="$data/arr-250k"
chain="$data/arr-250k-chain3000"
[ "$only" = egress ] || [ -f "$arr/accounts.csv" ] || "$workbook" generate arr --out "$arr" --accounts 250000 --seed 20240630 >/dev/null
if [ "$only" != egress ] && [ ! -f "$chain/accounts.csv" ]; then
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
# measure CMD...: one run; prints "wall cpu peak_kb" (cpu = user + system seconds)
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$data/time.txt" "$@" >"$data/stdout.txt" 2>"$data/stderr.txt" || { cat "$data/stderr.txt" >&2; exit 1; }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$data/time.txt"
}
# column N of a file of measurements, median
med() { awk -v c="$1" '{print $c}' "$2" | median; }

say "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; runs per row: $runs"
say ""

# --- Part 2 ------------------------------------------------------------------------------------------------
if [ "$only" != arr ]; then
  egress_run() { # egress_run PROGRAM OUT: the command line of one program of the comparison
    if [ "$1" = peer ]; then echo "$peer" "$egress" "$2"; else echo "$workbook" egress --engine "$1" --data "$egress" --out "$2"; fi
  }
  for program in peer $engines; do
    measure $(egress_run "$program" "$data/egress-out-$program") >/dev/null
  done
  for engine in $engines; do
    diff -r "$data/egress-out-peer" "$data/egress-out-$engine" >/dev/null \
      && say "- Part 2, $(basename "$egress"): $engine writes the peer's five answer CSVs byte for byte" \
      || { say "- Part 2, $(basename "$egress"): $engine's answers DIFFER from the peer's"; exit 1; }
  done
  say ""
  for program in peer $engines; do : > "$data/egress-times-$program.txt"; done
  for round in $(seq "$runs"); do
    for program in peer $engines; do
      measure $(egress_run "$program" "$data/egress-out-$program") >> "$data/egress-times-$program.txt"
    done
  done
  peer_wall=$(med 1 "$data/egress-times-peer.txt")
  say "| Part 2, $(basename "$egress") (load + answers, whole process) | median wall s | × peer | median CPU s | median peak MB |"
  say "|---|---:|---:|---:|---:|"
  for program in peer $engines; do
    wall=$(med 1 "$data/egress-times-$program.txt")
    say "$(awk -v p="$program" -v w="$wall" -v pw="$peer_wall" -v c="$(med 2 "$data/egress-times-$program.txt")" -v m="$(med 3 "$data/egress-times-$program.txt")" \
      'BEGIN {name = (p == "peer" ? "peer (DuckDB reads the files)" : "workbook --engine " p); printf "| %s | %.2f | %.2f | %.2f | %d |", name, w, w / pw, c, m / 1024}')"
  done
  say ""
  say "Phases, one run each, wall / CPU seconds (the workbook's through the library as the CLI calls it, bench/sql/phases):"
  say ""
  "$peer" "$egress" "$data/egress-out-peer" > "$data/phases-peer.txt"
  columns="peer"
  for engine in $engines; do
    [ "$engine" = postgres ] && continue
    "$phases" "$engine" "$egress" "$data/egress-out-phases-$engine" > "$data/phases-$engine.txt"
    columns="$columns $engine"
  done
  say "| phase | $(echo "$columns" | sed 's/ / | /g') |"
  say "|---|$(for _ in $columns; do printf -- '---:|'; done)"
  cut -f1 "$data/phases-peer.txt" "$data/phases-sqlite.txt" 2>/dev/null | awk '!seen[$0]++' | while IFS= read -r phase; do
    row="| $phase |"
    for c in $columns; do row="$row $(awk -F'\t' -v p="$phase" '$1 == p {print $2 " / " $3}' "$data/phases-$c.txt") |"; done
    say "$row"
  done
  say ""
fi

# --- Part 3 ------------------------------------------------------------------------------------------------
if [ "$only" != egress ]; then
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
  say "| ARR rollup | engine | median wall s | median CPU s | median peak MB |"
  say "|---|---|---:|---:|---:|"
  for set in "$arr" "$chain"; do
    for engine in memory duckdb postgres; do
      : > "$data/arr-times.txt"
      for _ in $(seq "$runs"); do
        measure "$workbook" arr --engine "$engine" --accounts "$set/accounts.csv" --subscriptions "$set/subscriptions.csv" \
          --items "$set/subscription_items.csv" --as-of 2023-06-30 --out "$data/arr-out-$engine.csv" >> "$data/arr-times.txt"
      done
      say "$(printf '| %s | %s | %.2f | %.2f | %d |' "$(basename "$set")" "$engine" "$(med 1 "$data/arr-times.txt")" "$(med 2 "$data/arr-times.txt")" \
        "$(med 3 "$data/arr-times.txt" | awk '{printf "%d", $1 / 1024}')")"
    done
  done
  say ""
fi
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
