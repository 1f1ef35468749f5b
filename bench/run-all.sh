#!/usr/bin/env bash
# All benchmarks in one go, one results page: bench/results/<YYYY-MM-DD>.md (-2, -3, ... if taken).
#
#   bench/run-all.sh               the full suite (~20 minutes on a quiet 2-core machine, plus correlation)
#   QUICK=1 bench/run-all.sh       a smoke run with small counts (~10 minutes), not for comparison
#
# Runs, one after the other: startup, dicom-ingest, mllp, xraydar-pipeline, correlation (each with its own
# defaults, see bench/README.md), builds the node once first if target/quarkus-app is missing, and
# composes the page from the figures file each benchmark writes next to its own page (bench/summary.py):
# machine facts, per benchmark what was measured, the sender, the baseline and the ratio, the
# commands to rerun, then each benchmark's full page. A benchmark that fails is reported as not
# measured and the others still run; the exit status is then 1.
#
# Tunables (environment): QUICK (0), ONLY (space-separated subset of the names above), and every
# benchmark's own tunables (exported variables reach all of them; with QUICK=1 the smoke-run counts
# below win).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
QUICK=${QUICK:-0}
ALL=(startup dicom-ingest mllp xraydar-pipeline correlation)
read -r -a BENCHES <<<"${ONLY:-${ALL[*]}}"
for b in "${BENCHES[@]}"; do
    [[ -x $HERE/$b/run.sh ]] || { echo "unknown benchmark '$b' (known: ${ALL[*]})" >&2; exit 2; }
done

# Smoke-run settings per benchmark (QUICK=1).
quick_env() {
    case $1 in
        startup) echo "RUNS=2" ;;
        dicom-ingest) echo "REPEATS=1 SMALL_COUNT=40 LARGE_COUNT=4 HEAP_COUNT=8" ;;
        mllp) echo "REPEATS=1 SECONDS_PER_RUN=3 WARMUP=1 RECEIVER_WARMUP=3" ;;
        xraydar-pipeline) echo "CONCURRENCY=1\\ 8 ROUNDS=10 PACED_SECONDS=4" ;;
        correlation) echo "N=2000 REPEATS=1" ;;
    esac
}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

export PYTHONDONTWRITEBYTECODE=1   # the report scripts import bench/summary.py
WORK=$HERE/.cache/run-all/$(date +%Y%m%d-%H%M%S)
mkdir -p "$WORK"

# Cleanup: each benchmark stops what it started on its own exit (its trap); we pass on an
# interruption to the one running and wait for it.
CHILD=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $CHILD ]] && kill -0 "$CHILD" 2>/dev/null; then
        log "stopping the running benchmark (pid $CHILD)"
        kill -TERM "$CHILD" 2>/dev/null
        wait "$CHILD" 2>/dev/null
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

if [[ ! -f $ROOT/target/quarkus-app/quarkus-run.jar || ! -d $ROOT/target/kafka-broker ]]; then
    log "building the node (./mvnw -B -q package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi

# Machine facts, before anything runs.
MACHINE=$WORK/machine.txt
{
    echo "date=$(date '+%Y-%m-%d %H:%M %Z')"
    echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' (with local changes)')"
    echo "quick=$QUICK"
    echo "CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "cores=$(nproc) online CPUs ($(grep -c '^processor' /proc/cpuinfo) in /proc/cpuinfo)"
    echo "RAM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "kernel=$(uname -sr)"
    echo "JDK=$(java -version 2>&1 | head -2 | tr '\n' ' ')"
    echo "disk of the data dirs=$(df -P "$HERE" | awk 'NR==2 {print $1}') ($(findmnt -n -o FSTYPE -T "$HERE" 2>/dev/null || echo '?'))"
    echo "load average before (1, 5, 15 min)=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "other processes using CPU before=$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 >= 5 {printf "%s%s %s%%", sep, $2, $1; sep = ", "}')"
} >"$MACHINE"

CMDS=$WORK/commands.txt
{
    echo "# the whole suite (from any directory of a clone)"
    echo "$( ((QUICK)) && echo 'QUICK=1 ')bench/run-all.sh"
    echo "# one benchmark on its own (writes bench/results/<name>-<date>.md and .tsv)"
} >"$CMDS"

FAILED=0
T_ALL=$SECONDS
for b in "${BENCHES[@]}"; do
    dir=$WORK/$b
    mkdir -p "$dir"
    envs=()
    ((QUICK)) && eval "envs=($(quick_env "$b"))"
    echo "${envs[*]:+${envs[*]} }bench/$b/run.sh" | sed 's/CONCURRENCY=1 8/CONCURRENCY="1 8"/' >>"$CMDS"
    log "=== $b${envs[*]:+ (${envs[*]})}; log: $dir/run.log"
    t0=$SECONDS
    env "${envs[@]}" BENCH_RESULTS_DIR="$dir" bash "$HERE/$b/run.sh" >"$dir/run.log" 2>&1 &
    CHILD=$!
    rc=0
    wait "$CHILD" || rc=$?
    CHILD=""
    if ((rc != 0)); then
        FAILED=1
        { echo "\`bench/$b/run.sh\` exited with status $rc; last lines of its output:"; echo; echo '```';
          grep -v '^$' "$dir/run.log" | tail -8; echo '```'; } >"$dir/failed.txt"
        log "=== $b FAILED (status $rc), see $dir/run.log"
    else
        log "=== $b done in $((SECONDS - t0)) s"
    fi
    echo "duration of $b=$((SECONDS - t0)) s" >>"$MACHINE.durations"
done
cat "$MACHINE.durations" >>"$MACHINE"
# (afterwards: the DICOM benchmarks install dcmtk when it is missing and they run as root)
echo "dcmtk=$(if command -v storescu >/dev/null; then storescu --version 2>&1 | head -1 | tr -d '$'; else echo 'not installed'; fi)" >>"$MACHINE"
echo "duration of the suite=$((SECONDS - T_ALL)) s" >>"$MACHINE"
echo "load average after (1, 5, 15 min)=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$MACHINE"

mkdir -p "$ROOT/bench/results"
day=$(date +%F)
OUT=$ROOT/bench/results/$day.md
n=2
while [[ -e $OUT ]]; do OUT=$ROOT/bench/results/$day-$n.md; n=$((n + 1)); done
args=()
for b in "${BENCHES[@]}"; do args+=("$b=$WORK/$b"); done
python3 "$HERE/summary.py" "$OUT" "$MACHINE" "$CMDS" "${args[@]}"
log "results page: $OUT (logs and each benchmark's own page: $WORK)"
exit "$FAILED"
