#!/usr/bin/env bash
# Whole-process benchmark of `workbook arr` against its peers, on data sets the workbook has never seen:
# bench/arr/gen_unseen.py (a separate program) writes 250k and 2.5M account sets with quoted names holding commas and
# quotes, a byte-order mark, CRLF line ends, a 3,000-deep chain, a parent cycle and ~1.4% bad items (end before
# start), so `workbook arr` runs with --lenient, as a user would on such files.
#
#   bench/arr/run.sh [--runs N] [--large-runs N] [--skip-large] [--skip-r2r] [--sqlite] [--generator-25m] [--max-load L]
#
# Each measurement is one whole process (start, three CSVs in, CSV out) timed by /usr/bin/time: the median,
# minimum and maximum wall time, the median CPU time (user + system, steadier than wall time when the machine is
# shared) and the median peak RSS of the runs are reported. Peers, in the same run:
#   pandas  bench/arr/arr_pandas.py (Debian's python3-pandas, installed here if missing), as many runs as workbook
#   sqlite  bench/arr/arr_sqlite.sql run by the sqlite3 command-line tool (with --sqlite; one run)
# Before timing, the 250k outputs of the peers are compared with workbook's on every row (compare.py), and
# the workbook builds' outputs with each other byte for byte.
# The workbook executable three ways: the Release build (compiled at run time), a ReadyToRun publish, and a
# self-contained composite ReadyToRun publish (the framework and the workbook precompiled together, so
# nothing is left to compile at start and code inlines across assemblies; about 4 minutes to publish). --skip-r2r
# leaves out the plain ReadyToRun publish (the two others are the ones the targets name).
# Timing waits (up to 30 minutes) for the 1-minute load average to fall below --max-load (default 0.7): the
# machine is shared. Data and outputs go to bench/data/ (git-ignored). Results print as markdown (also
# bench/data/arr-results.md).
# shellcheck disable=SC2046 # argument lists come from the *_args functions unquoted: paths under bench/data have no spaces
# shellcheck disable=SC1091
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

runs=7
large_runs=3
skip_large=false
skip_r2r=false
with_sqlite=false
generator_25m=false
max_load=0.7
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --large-runs) large_runs="$2"; shift 2 ;;
    --skip-large) skip_large=true; shift ;;
    --skip-r2r) skip_r2r=true; shift ;;
    --sqlite) with_sqlite=true; shift ;;
    --generator-25m) generator_25m=true; shift ;;
    --max-load) max_load="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

as_of=2023-06-30
data="$root/bench/data"
mkdir -p "$data"
results="$data/arr-results.md"
: > "$results"
say() { echo "$*" | tee -a "$results"; }

# --- tools -------------------------------------------------------------------------------------------------
python=/usr/bin/python3
need=()
"$python" -c 'import pandas' 2>/dev/null || need+=(python3-pandas)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages)" >&2
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "building Release" >&2
dotnet build tools/workbook/Workbook.Cli.csproj -c Release --nologo -v quiet >/dev/null
workbook="$root/artifacts/bin/Workbook.Cli/release/workbook"
# publish NAME ARGS...: a ReadyToRun publish into bench/data/NAME; prints its executable, or nothing when it
# does not restore (the crossgen and runtime packages come from the NuGet registry). Each kind of publish
# has its own intermediate folder (ArtifactsPivots): a composite build leaves stub images there that a plain
# ReadyToRun publish would otherwise pick up, and crash on.
publish() {
  local name="$1"; shift
  rm -rf "${data:?}/$name"
  echo "publishing $name" >&2
  if dotnet publish tools/workbook/Workbook.Cli.csproj -c Release -r linux-x64 -p:PublishReadyToRun=true "$@" \
       -p:ArtifactsPivots="release_linux-x64_$name" -o "$data/$name" --nologo -v quiet >/dev/null 2>&1; then
    echo "$data/$name/workbook"
  else
    echo "$name did not publish here; not timed" >&2
  fi
}
r2r=""
$skip_r2r || r2r=$(publish publish-r2r --self-contained false -p:PublishReadyToRunComposite=false)
composite=$(publish publish-r2r-composite --self-contained true -p:PublishReadyToRunComposite=true)
# The builds timed, fastest expected last; ratios are to the last one.
builds=("Release build (JIT)|$workbook")
[ -n "$r2r" ] && builds+=("ReadyToRun publish|$r2r")
[ -n "$composite" ] && builds+=("ReadyToRun composite, self-contained|$composite")

# --- data ----------------------------------------------------------------------------------------------------
generate() { # accounts -> folder bench/data/unseen-N (generated once, then reused)
  local n="$1" dir="$data/unseen-$1"
  if [ ! -f "$dir/subscription_items.csv" ]; then
    echo "generating $n accounts (unseen shape)" >&2
    "$python" bench/arr/gen_unseen.py "$dir" "$n"
  fi
}
generate 250000
$skip_large || generate 2500000

# --- measuring -----------------------------------------------------------------------------------------------
# measure LABEL RUNS command... : runs the command RUNS times; prints "median_wall min_wall max_wall median_peak_MB
# median_cpu min_cpu max_cpu".
measure() {
  local label="$1" count="$2"; shift 2
  local times="$data/times.txt"
  : > "$times"
  for _ in $(seq "$count"); do
    /usr/bin/time -f "%e %M %U %S" -o "$data/one.time" "$@" >/dev/null 2>"$data/stderr.txt" || { cat "$data/stderr.txt" >&2; return 1; }
    cat "$data/one.time" >> "$times"
  done
  "$python" - "$times" "$label" "$count" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
walls = [float(r[0]) for r in rows]
cpus = [float(r[2]) + float(r[3]) for r in rows]
peak = statistics.median(int(r[1]) for r in rows) / 1024
print(f"{statistics.median(walls):.3f} {min(walls):.3f} {max(walls):.3f} {peak:.0f} {statistics.median(cpus):.2f} {min(cpus):.2f} {max(cpus):.2f}")
PY
}

# summarize FILE: "median min max peak_MB cpu_median cpu_min cpu_max" of the "wall peak_KB user sys" lines in FILE.
summarize() {
  "$python" - "$1" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
walls = [float(r[0]) for r in rows]
cpus = [float(r[2]) + float(r[3]) for r in rows]
peak = statistics.median(int(r[1]) for r in rows) / 1024
print(f"{statistics.median(walls):.3f} {min(walls):.3f} {max(walls):.3f} {peak:.0f} {statistics.median(cpus):.2f} {min(cpus):.2f} {max(cpus):.2f}")
PY
}

workbook_args() { local dir="$1"; echo arr --accounts "$dir/accounts.csv" --subscriptions "$dir/subscriptions.csv" --items "$dir/subscription_items.csv" --as-of "$as_of" --lenient --out "$dir/out-workbook.csv"; }
pandas_args() { local dir="$1"; echo bench/arr/arr_pandas.py "$dir/accounts.csv" "$dir/subscriptions.csv" "$dir/subscription_items.csv" "$as_of" "$dir/out-pandas.csv"; }
sqlite_command() { local dir="$1"; echo "sqlite3 :memory: -cmd \"CREATE TEMP TABLE params AS SELECT '$as_of' AS as_of\" -cmd '.cd $dir' < bench/arr/arr_sqlite.sql > '$dir/out-sqlite.csv'"; }

# --- agreement -----------------------------------------------------------------------------------------------
small="$data/unseen-250000"
# Every build must write the same bytes; the last build's output is the one compared with the peers.
builds_agree="every workbook build writes the same bytes"
for k in "${!builds[@]}"; do
  "${builds[$k]#*|}" $(workbook_args "$small") >/dev/null
  if [ "$k" = 0 ]; then
    cp "$small/out-workbook.csv" "$small/out-workbook-first.csv"
  elif ! cmp -s "$small/out-workbook-first.csv" "$small/out-workbook.csv"; then
    builds_agree="WORKBOOK BUILDS DIFFER: ${builds[$k]%%|*}"
  fi
done
"$python" $(pandas_args "$small")
agree_pandas=$("$python" bench/arr/compare.py "$small/out-workbook.csv" "$small/out-pandas.csv" "pandas peer" || true)
agree_sqlite="sqlite peer: not run (--sqlite)"
if $with_sqlite; then
  sh -c "$(sqlite_command "$small")"
  agree_sqlite=$("$python" bench/arr/compare.py "$small/out-workbook.csv" "$small/out-sqlite.csv" "sqlite peer" || true)
fi

# --- a quiet machine -----------------------------------------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }
for _ in $(seq 180); do
  "$python" -c "import sys; sys.exit(0 if $(load1) < $max_load else 1)" && break
  echo "waiting for the load average ($(load1)) to fall below $max_load" >&2
  sleep 10
done

# --- machine ---------------------------------------------------------------------------------------------------
say "## Machine"
say ""
say "- CPU: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores visible"
say "- Memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); OS: $(. /etc/os-release; echo "$PRETTY_NAME"); kernel $(uname -r)"
say "- .NET SDK $(dotnet --version); $("$python" -c 'import sys, pandas; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}")'); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
say "- Load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
say ""
say "## Agreement (250k accounts, as of $as_of)"
say ""
say "- $agree_pandas"
say "- $agree_sqlite"
say "- $builds_agree"
say ""

# --- timings ---------------------------------------------------------------------------------------------------
say "## Timings (whole process; median, minimum and maximum wall time of N runs; median peak RSS; CPU time = user + system)"
say ""
say "| accounts | program | runs | median wall s | min | max | median peak MB | pandas median ÷ this median | median CPU s (min-max) | pandas CPU ÷ this CPU |"
say "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
row() { # accounts program runs "median min max peak cpu cpu_min cpu_max" pandas_median pandas_cpu
  local n="$1" name="$2" count="$3" result="$4" pandas="$5" pandas_cpu="${6:-0}"
  local median low high peak cpu cpu_low cpu_high ratio cpu_ratio
  read -r median low high peak cpu cpu_low cpu_high <<< "$result"
  ratio=$("$python" -c "print(f'{$pandas / $median:.1f}×' if $median > 0 else '')")
  cpu_ratio=$("$python" -c "print(f'{$pandas_cpu / $cpu:.1f}×' if $cpu > 0 and $pandas_cpu > 0 else '')")
  say "| $n | $name | $count | $median | $low | $high | $peak | $ratio | $cpu ($cpu_low-$cpu_high) | $cpu_ratio |"
}

loads=()
for n in 250000 2500000; do
  dir="$data/unseen-$n"
  [ -d "$dir" ] || continue
  count=$runs; peer_count=$runs
  if [ "$n" = 2500000 ]; then count=$large_runs; peer_count=1; fi
  # Interleaved: each round runs every build once, then pandas, so a burst of load on the shared machine hits all alike.
  for k in "${!builds[@]}"; do : > "$data/times-$k.txt"; done
  : > "$data/times-pandas.txt"
  for round in $(seq "$count"); do
    for k in "${!builds[@]}"; do
      /usr/bin/time -f "%e %M %U %S" -o "$data/one.time" ${builds[$k]#*|} $(workbook_args "$dir") >/dev/null 2>"$data/stderr.txt" || { cat "$data/stderr.txt" >&2; exit 1; }
      cat "$data/one.time" >> "$data/times-$k.txt"
    done
    if [ "$round" -le "$peer_count" ]; then
      /usr/bin/time -f "%e %M %U %S" -o "$data/one.time" "$python" $(pandas_args "$dir") >/dev/null
      cat "$data/one.time" >> "$data/times-pandas.txt"
    fi
  done
  pandas_result=$(summarize "$data/times-pandas.txt")
  pandas_median=${pandas_result%% *}
  pandas_cpu=$(echo "$pandas_result" | cut -d' ' -f5)
  for k in "${!builds[@]}"; do
    row "$n" "workbook arr, ${builds[$k]%%|*}" "$count" "$(summarize "$data/times-$k.txt")" "$pandas_median" "$pandas_cpu"
  done
  row "$n" "pandas peer" "$peer_count" "$pandas_result" "$pandas_median" "$pandas_cpu"
  if $with_sqlite && [ "$n" = 250000 ]; then
    row "$n" "sqlite3 recursive-CTE peer" 1 "$(measure sqlite 1 sh -c "$(sqlite_command "$dir")")" "$pandas_median" "$pandas_cpu"
  fi
  loads+=("after the $n rows: $(cut -d' ' -f1-3 /proc/loadavg)")
done
say ""
say "Load average (1, 5, 15 minutes): ${loads[0]:-}${loads[1]:+; ${loads[1]}}."
say ""

# --- generator memory (the workbook's own generator: streaming, so its peak must not grow with the count) -----
if $generator_25m; then
  say "## Generator (workbook generate arr, streaming)"
  say ""
  say "| accounts | wall s | peak MB |"
  say "|---:|---:|---:|"
  for n in 250000 25000000; do
    /usr/bin/time -f "%e %M %U %S" -o "$data/gen-$n.time" "$workbook" generate arr --out "$data/generated-$n" --accounts "$n" >/dev/null
    say "| $n | $(cut -d' ' -f1 "$data/gen-$n.time") | $(awk '{printf "%.0f", $2/1024}' "$data/gen-$n.time") |"
    rm -rf "$data/generated-$n"
  done
  say ""
fi
say "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
