#!/usr/bin/env bash
# Whole-process benchmark of the README's ways of running a command, side by side in one run:
#   ./workbook                   the repeated-run front door (the Release build, started directly)
#   published                    the composite ReadyToRun, self-contained build the .NET tool ships
#                                (`dotnet pack tools/workbook -c Release`; published here the same way)
#   dotnet run --project ...     the README's per-command way before the front door (build check every call)
# on `--help` (start-up) and on `arr` at 250,000 accounts (bench/arr's unseen set, --lenient).
#
#   bench/front-door/run.sh [--runs N] [--dotnet-run-runs N]
#
# Runs are interleaved (one of each way per round) so that a change in the machine's load hits every way alike;
# each is timed by /usr/bin/time. Prints a markdown table of medians (also bench/data/front-door-results.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs=9
dotnet_run_runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --dotnet-run-runs) dotnet_run_runs="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }
python=/usr/bin/python3
data="$root/bench/data"
results="$data/front-door-results.md"
mkdir -p "$data/front-door"

echo "== ./workbook: its one build (if the build is missing or older than the sources)" >&2
./workbook --help >/dev/null
echo "== the published build (composite ReadyToRun, self-contained, as the tool)" >&2
published="$data/front-door/published"
rm -rf "$published"
dotnet publish tools/workbook/Workbook.Cli.csproj -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:ArtifactsPivots=release_linux-x64_front-door \
  -o "$published" --nologo -v quiet >&2
echo "== dotnet run: its first build (Debug), so that the timed runs only check it" >&2
dotnet build tools/workbook/Workbook.Cli.csproj --nologo -v quiet >&2
set250k="$data/unseen-250000"
[ -f "$set250k/subscription_items.csv" ] || "$python" bench/arr/gen_unseen.py "$set250k" 250000

arr_args=(arr --accounts "$set250k/accounts.csv" --subscriptions "$set250k/subscriptions.csv"
  --items "$set250k/subscription_items.csv" --as-of 2023-06-30 --lenient)
ways=("./workbook|./workbook" "published|$published/workbook" "dotnet run|dotnet run --project tools/workbook --")
# time_one FILE command...: appends "wall cpu" of one run to FILE.
time_one() {
  local file="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$data/front-door/one.time" "$@" >/dev/null 2>"$data/front-door/stderr.txt" \
    || { cat "$data/front-door/stderr.txt" >&2; exit 1; }
  awk '{print $1, $2 + $3}' "$data/front-door/one.time" >> "$file"
}

# Every way must write the same ARR output.
for k in "${!ways[@]}"; do
  # shellcheck disable=SC2086 # the command is split into words on purpose
  ${ways[$k]#*|} "${arr_args[@]}" --out "$data/front-door/out-$k.csv" >/dev/null 2>&1
done
cmp "$data/front-door/out-0.csv" "$data/front-door/out-1.csv" && cmp "$data/front-door/out-0.csv" "$data/front-door/out-2.csv"

for k in "${!ways[@]}"; do : > "$data/front-door/help-$k.txt"; : > "$data/front-door/arr-$k.txt"; done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$runs"); do
  echo "round $round of $runs (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
  for k in "${!ways[@]}"; do
    [ "$k" = 2 ] && [ "$round" -gt "$dotnet_run_runs" ] && continue
    # shellcheck disable=SC2086
    time_one "$data/front-door/help-$k.txt" ${ways[$k]#*|} --help
    # shellcheck disable=SC2086
    time_one "$data/front-door/arr-$k.txt" ${ways[$k]#*|} "${arr_args[@]}" --out "$data/front-door/out-$k.csv"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

"$python" - "$data/front-door" "$load_before" "$load_after" "${ways[@]%%|*}" <<'PY' | tee "$results"
import statistics, sys
folder, before, after, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
def read(kind, k):
    rows = [line.split() for line in open(f"{folder}/{kind}-{k}.txt") if line.strip()]
    return [float(r[0]) for r in rows], [float(r[1]) for r in rows]
print(f"Load average before: {before}; after: {after}\n")
print("| command | way | runs | median wall s | min | max | median CPU s | wall ÷ published |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for kind, label in (("help", "`--help`"), ("arr", "`arr`, 250k accounts")):
    published = statistics.median(read(kind, 1)[0])
    for k, name in enumerate(names):
        walls, cpus = read(kind, k)
        median = statistics.median(walls)
        print(f"| {label} | {name} | {len(walls)} | {median:.3f} | {min(walls):.3f} | {max(walls):.3f} | {statistics.median(cpus):.2f} | {median / published:.2f}× |")
PY
