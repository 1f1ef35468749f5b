#!/usr/bin/env bash
# Soak: MINUTES of mixed load on the packaged node (demo profile) at half its measured capacity:
# chest radiographs over DICOM (dcmtk storescu, paced by bench/xraydar-pipeline/pace.py), HL7
# ORU^R01 reports over MLLP (bench/mllp/MllpLoad.java, paced mode), and the in-process X-Raydar
# simulator answering after 300 ms and failing 5 % of the calls with 503. Every SAMPLE_SECONDS it
# records heap after GC, RSS, threads, open files and the DICOM spool backlog (and the counters
# that show the load) into a TSV, plots them into a PNG and writes a page with per series the
# start, end, maximum, the slope over the second half of the load and a verdict, flat or grows,
# and what is live at the end (a class histogram after a forced full GC).
#
#   bench/soak.sh                                  (30 minutes; not part of bench/run-all.sh)
#   MINUTES=3 SAMPLE_SECONDS=5 bench/soak.sh       (smoke run)
#
# Default rates: half the capacities in bench/results/2026-12-07.md:
#   DICOM_RATE 10.65 objects/s = half of 21.3 findings events/s, the xraydar-pipeline capacity at
#     C=8 (pacs.dicom.concurrent-consumers = pacs.xraydar.cv.max-concurrent-calls = 8) with the
#     simulator at 300 ms; so the node runs with CONCURRENCY=8 here too (the node's own default for
#     pacs.dicom.concurrent-consumers is 2, whose capacity, about 5 events/s, was not measured);
#   HL7_RATE 1.6 messages/s = half of what the reports flow sustains end to end: the node answers
#     443 durable messages/s AA (the mllp benchmark, 1 connection), but X-Raydar-NLP is called on the
#     reports consumer's one thread, one report at a time, so with the simulator at 300 ms it
#     enriches about 3.3 reports/s. Above that the reports waiting for NLP pile up on the
#     pacs.reports topic without end (HL7_RATE=221, half the AA rate, shows it; the page shows that
#     backlog separately).
#
# Tunables (environment): MINUTES (30), DICOM_RATE (10.65), HL7_RATE (1.6), HL7_CONNECTIONS (1),
# CONCURRENCY (8), LATENCY_MS (300), FAIL_RATIO (0.05), FAIL_STATUS (503), NODE_XMX (512m),
# SAMPLE_SECONDS (10), DRAIN_SECONDS (60: sampling goes on after the load), DIM (128: objects of
# DIM x DIM x 16 bit, ~34 KB), GROWTH_PCT (10: the verdict's threshold), BENCH_RESULTS_DIR
# (bench/results). Results: soak-<date>.md, .tsv (the samples) and .png in BENCH_RESULTS_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SOAK=$HERE/soak
CACHE=$SOAK/.cache
RUN=$CACHE/run                 # spool, Kafka data: removed at the end
LOGS=$CACHE/last-run           # logs and raw samples of the latest run
RESULTS_DIR=${BENCH_RESULTS_DIR:-$ROOT/bench/results}

MINUTES=${MINUTES:-30}
DICOM_RATE=${DICOM_RATE:-10.65}
HL7_RATE=${HL7_RATE:-1.6}
HL7_CONNECTIONS=${HL7_CONNECTIONS:-1}
CONCURRENCY=${CONCURRENCY:-8}
LATENCY_MS=${LATENCY_MS:-300}
FAIL_RATIO=${FAIL_RATIO:-0.05}
FAIL_STATUS=${FAIL_STATUS:-503}
NODE_XMX=${NODE_XMX:-512m}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-10}
DRAIN_SECONDS=${DRAIN_SECONDS:-60}
DIM=${DIM:-128}
GROWTH_PCT=${GROWTH_PCT:-10}
NODE_AET=PACSBRIDGE
SCU_AET=SOAKSCU

. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------
# Cleanup: the node runs in its own process group (setsid) with its Kafka broker child; the
# sampler, the DICOM pacer (which stops its storescu processes when told to) and the MLLP sender
# are tracked by pid.
# ---------------------------------------------------------------------------------------------
NODE_PID=""
SAMPLER_PID=""
PACE_PID=""
MLLP_PID=""

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    local p
    for p in $PACE_PID $MLLP_PID $SAMPLER_PID; do kill "$p" 2>/dev/null; done
    for p in $PACE_PID $MLLP_PID $SAMPLER_PID; do wait "$p" 2>/dev/null; done
    [[ -n $NODE_PID ]] && log "stopping the node (pid $NODE_PID)"
    stop_group "$NODE_PID"
    rm -rf "$RUN"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Tools, node, sender, objects (cached)
# ---------------------------------------------------------------------------------------------
need_tools storescu:dcmtk javac:openjdk-17-jdk-headless python3:python3 curl:curl setsid:util-linux \
    gnuplot:gnuplot-nox
command -v java >/dev/null || die "java (17+) not found"
build_node_if_missing

awk -v m="$MINUTES" -v d="$DICOM_RATE" -v h="$HL7_RATE" -v s="$SAMPLE_SECONDS" \
    'BEGIN {exit !(m > 0 && d > 0 && h > 0 && s > 0)}' || die "MINUTES, DICOM_RATE, HL7_RATE and SAMPLE_SECONDS must be > 0"
LOAD_SECONDS=$(awk -v m="$MINUTES" 'BEGIN {printf "%d", m * 60 + 0.5}')
DICOM_COUNT=$(awk -v r="$DICOM_RATE" -v s="$LOAD_SECONDS" 'BEGIN {printf "%d", r * s + 0.5}')

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$CACHE"
rm -rf "$RUN" "$LOGS"
mkdir -p "$RUN" "$LOGS"

CLASSES=$CACHE/classes
if [[ ! -f $CLASSES/MllpLoad.class || $ROOT/bench/mllp/MllpLoad.java -nt $CLASSES/MllpLoad.class ]]; then
    log "compiling MllpLoad"
    mkdir -p "$CLASSES"
    javac -d "$CLASSES" "$ROOT/bench/mllp/MllpLoad.java"
fi

# Every object has its own SOP Instance UID and accession number: the node sends an object to
# X-Raydar once, so a repeated object would not load the CV path.
SET=$CACHE/cr-$DIM
stamp="$DICOM_COUNT $DIM $(sha1sum "$ROOT/bench/dicom-ingest/gen_cr.py" | cut -c1-12)"
if [[ ! -f $SET/.stamp || $(cat "$SET/.stamp") != "$stamp" ]]; then
    log "generating $DICOM_COUNT CR objects of ${DIM}x${DIM} into $SET"
    rm -rf "$SET"
    python3 "$ROOT/bench/dicom-ingest/gen_cr.py" "$SET" "$DICOM_COUNT" "$DIM" "$DIM" s
    echo "$stamp" >"$SET/.stamp"
fi
find "$SET" -name 's*.dcm' | sort -V >"$LOGS/dicom-files.txt"
(($(wc -l <"$LOGS/dicom-files.txt") == DICOM_COUNT)) || die "expected $DICOM_COUNT files in $SET"

# ---------------------------------------------------------------------------------------------
# Node
# ---------------------------------------------------------------------------------------------
read -r P_DICOM P_HTTP P_KAFKA P_KCTL P_SIM P_MLLP P_CONSOLE < <(free_ports 7)
GC_LOG=$LOGS/gc.log
NODE_CMD=(java "-Xmx$NODE_XMX" "-Xlog:gc:file=$GC_LOG" -Dquarkus.profile=demo
    "-Dpacs.dicom.concurrent-consumers=$CONCURRENCY" "-Dpacs.xraydar.cv.max-concurrent-calls=$CONCURRENCY"
    "-Dpacs.dicom.port=$P_DICOM" "-Dquarkus.http.port=$P_HTTP" "-Dpacs.mllp.port=$P_MLLP"
    "-Dpacs.kafka.embedded.port=$P_KAFKA" "-Dpacs.kafka.embedded.controller-port=$P_KCTL"
    "-Dpacs.kafka.embedded.data-dir=$RUN/kafka" "-Dpacs.spool.dir=$RUN/spool"
    "-Dpacs.xraydar.simulator.port=$P_SIM" "-Dpacs.console.port=$P_CONSOLE"
    -jar target/quarkus-app/quarkus-run.jar)
log "starting the node"
cd "$ROOT"   # the node's home: routes/ and config/ are read from the working directory
setsid "${NODE_CMD[@]}" >"$LOGS/node.log" 2>&1 &
NODE_PID=$!
cd - >/dev/null
wait_ready "$NODE_PID" "http://127.0.0.1:$P_HTTP/q/health/ready" "$LOGS/node.log"
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$P_MLLP") 2>/dev/null && break; sleep 0.5; done

FAULTS="{\"latencyMs\":$LATENCY_MS,\"failRatio\":$FAIL_RATIO,\"failStatus\":$FAIL_STATUS}"
curl -sf -X POST -H 'Content-Type: application/json' -d "$FAULTS" "http://127.0.0.1:$P_SIM/simulator/faults" \
    >"$LOGS/faults.json" || die "the simulator refused the fault plan $FAULTS"

# ---------------------------------------------------------------------------------------------
# Load and sampling
# ---------------------------------------------------------------------------------------------
SAMPLES=$LOGS/samples.tsv
python3 "$SOAK/sample.py" "$NODE_PID" "http://127.0.0.1:$P_HTTP/q/metrics" "$SAMPLES" "$SAMPLE_SECONDS" \
    "$GC_LOG" 2>"$LOGS/sampler.log" &
SAMPLER_PID=$!
sleep "$SAMPLE_SECONDS"    # one sample of the idle node first
log "load for $MINUTES min: DICOM $DICOM_RATE objects/s, HL7 $HL7_RATE messages/s over $HL7_CONNECTIONS connection(s), simulator $FAULTS"
t_load=$(date +%s.%N)
python3 "$ROOT/bench/xraydar-pipeline/pace.py" "$DICOM_RATE" "$LOGS/dicom-files.txt" 127.0.0.1 "$P_DICOM" \
    "$NODE_AET" "$SCU_AET" "$LOGS/storescu.log" >"$LOGS/pace.out" 2>&1 &
PACE_PID=$!
java -cp "$CLASSES" MllpLoad 127.0.0.1 "$P_MLLP" "$HL7_CONNECTIONS" 0 "$LOAD_SECONDS" 1 S "$HL7_RATE" \
    >"$LOGS/mllp.out" 2>"$LOGS/mllp.err" &
MLLP_PID=$!

# Watch: a sender or the node that stops early ends the run (the samples so far are kept).
pace_rc="" mllp_rc=""
while [[ -z $pace_rc || -z $mllp_rc ]]; do
    kill -0 "$NODE_PID" 2>/dev/null || die "the node exited; see $LOGS/node.log"
    if [[ -z $pace_rc ]] && ! kill -0 "$PACE_PID" 2>/dev/null; then
        wait "$PACE_PID" && pace_rc=0 || pace_rc=$?
        PACE_PID=""
        log "DICOM sender done (rc $pace_rc): $(cat "$LOGS/pace.out")"
    fi
    if [[ -z $mllp_rc ]] && ! kill -0 "$MLLP_PID" 2>/dev/null; then
        wait "$MLLP_PID" && mllp_rc=0 || mllp_rc=$?
        MLLP_PID=""
        log "MLLP sender done (rc $mllp_rc): $(cat "$LOGS/mllp.out") $(head -c 300 "$LOGS/mllp.err")"
    fi
    sleep 1
done
t_end=$(date +%s.%N)
load_wall=$(awk -v a="$t_load" -v b="$t_end" 'BEGIN {printf "%.1f", b - a}')
log "load done after $load_wall s; sampling $DRAIN_SECONDS s more"
sleep "$DRAIN_SECONDS"
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
curl -s "http://127.0.0.1:$P_HTTP/q/metrics" >"$LOGS/metrics-end.txt" || true
# What is live at the end: the class histogram forces a full collection first (after the
# sampling, so it does not show in the series), whose "after" figure is the heap's live set.
jcmd "$NODE_PID" GC.class_histogram >"$LOGS/class-histogram.txt" 2>&1 || true
sleep 1
log "stopping the node"
stop_group "$NODE_PID"
NODE_PID=""

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
mkdir -p "$RESULTS_DIR"
day=$(date +%F)
OUT=$RESULTS_DIR/soak-$day.md
n=2
while [[ -e $OUT ]]; do OUT=$RESULTS_DIR/soak-$day-$n.md; n=$((n + 1)); done
TSV=${OUT%.md}.tsv
PNG=${OUT%.md}.png
cp "$SAMPLES" "$TSV"

META=$LOGS/meta.txt
{
    echo "date=$(date '+%Y-%m-%d %H:%M %Z')"
    echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' (with local changes)')"
    echo "cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "cores=$(nproc)"
    echo "ram=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "load_start=$LOAD_START"
    echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "kernel=$(uname -sr)"
    echo "jdk=$(java -version 2>&1 | head -2 | tr '\n' ' ')"
    echo "dcmtk=$(storescu --version 2>&1 | head -1 | tr -d '$')"
    echo "minutes=$MINUTES"
    echo "load_start_s=$SAMPLE_SECONDS"
    echo "load_seconds=$load_wall"
    echo "sample_seconds=$SAMPLE_SECONDS"
    echo "drain_seconds=$DRAIN_SECONDS"
    echo "dicom_rate=$DICOM_RATE"
    echo "dicom_count=$DICOM_COUNT"
    echo "dicom_bytes=$(stat -c %s "$(head -1 "$LOGS/dicom-files.txt")")"
    echo "pace_rc=$pace_rc"
    echo "pace_out=$(cat "$LOGS/pace.out")"
    echo "hl7_rate=$HL7_RATE"
    echo "hl7_connections=$HL7_CONNECTIONS"
    echo "mllp_rc=$mllp_rc"
    echo "mllp_out=$(cat "$LOGS/mllp.out")"
    echo "mllp_err=$(head -c 300 "$LOGS/mllp.err" | tr '\n' ' ')"
    echo "concurrency=$CONCURRENCY"
    echo "faults=$FAULTS"
    echo "xmx=$NODE_XMX"
    echo "growth_pct=$GROWTH_PCT"
    echo "tsv=$(basename "$TSV")"
    echo "png=$(basename "$PNG")"
    echo "gc=$(grep -m1 -o 'Using [A-Za-z0-9 ]*' "$GC_LOG" || true)"
    echo "full_gc_end=$(grep 'Pause Full' "$GC_LOG" | tail -1 | grep -o '[0-9]*M->[0-9]*M([0-9]*M)' || true)"
    echo "histogram=$LOGS/class-histogram.txt"
    echo "xraydar_attempts=$(grep -E '^pacs_xraydar_attempts_total' "$LOGS/metrics-end.txt" | tr '\n' ';')"
    echo "xraydar_server_errors=$(grep -E '^pacs_xraydar_failures_total\{.*kind="server_error"' "$LOGS/metrics-end.txt" | tr '\n' ';')"
    echo "deadletters_end=$(grep -E '^pacs_deadletters_total' "$LOGS/metrics-end.txt" | tr '\n' ';')"
} >"$META"

CMDS=$LOGS/commands.txt
{
    echo "# this run"
    echo "MINUTES=$MINUTES DICOM_RATE=$DICOM_RATE HL7_RATE=$HL7_RATE HL7_CONNECTIONS=$HL7_CONNECTIONS CONCURRENCY=$CONCURRENCY SAMPLE_SECONDS=$SAMPLE_SECONDS NODE_XMX=$NODE_XMX bench/soak.sh"
    echo "# node (from the repository root; free ports picked per run)"
    echo "${NODE_CMD[*]}"
    echo "# simulator faults"
    echo "curl -X POST -H 'Content-Type: application/json' -d '$FAULTS' http://127.0.0.1:<sim port>/simulator/faults"
    echo "# objects, DICOM sender (one storescu per 100 ms tick with the objects due), MLLP sender (paced)"
    echo "python3 bench/dicom-ingest/gen_cr.py $SET $DICOM_COUNT $DIM $DIM s"
    echo "python3 bench/xraydar-pipeline/pace.py $DICOM_RATE <file list> 127.0.0.1 <dicom port> $NODE_AET $SCU_AET <log>"
    echo "javac -d $CLASSES bench/mllp/MllpLoad.java"
    echo "java -cp $CLASSES MllpLoad 127.0.0.1 <mllp port> $HL7_CONNECTIONS 0 $LOAD_SECONDS 1 S $HL7_RATE"
    echo "# sampler, plot"
    echo "python3 bench/soak/sample.py <node pid> http://127.0.0.1:<http port>/q/metrics <tsv> $SAMPLE_SECONDS $GC_LOG"
    echo "gnuplot -e \"tsv='<tsv>'; png='<png>'; load_from=$SAMPLE_SECONDS; load_to=<s>\" bench/soak/plot.gp"
} >"$CMDS"

load_to=$(awk -v a="$SAMPLE_SECONDS" -v b="$load_wall" 'BEGIN {print a + b}')
gnuplot -e "tsv='$TSV'; png='$PNG'; load_from=$SAMPLE_SECONDS; load_to=$load_to" "$SOAK/plot.gp" \
    2>"$LOGS/gnuplot.log" || log "the plot failed: $(tail -3 "$LOGS/gnuplot.log")"
python3 "$SOAK/report.py" "$TSV" "$META" "$CMDS" >"$OUT"
cat "$OUT"
log "results written to $OUT (+ $(basename "$TSV"), $(basename "$PNG"); logs of this run: $LOGS)"
