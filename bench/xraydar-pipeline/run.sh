#!/usr/bin/env bash
# X-Raydar CV pipeline benchmark: chest radiographs in over DICOM, findings events out on
# pacs.findings.cv, with the X-Raydar simulator answering after a fixed latency (300 ms). For each
# concurrency C (pacs.dicom.concurrent-consumers = pacs.xraydar.cv.max-concurrent-calls = C, node
# restarted per setting) it measures the events/s the node sustains against the ideal C / 0.3 s,
# and the latency the node adds to the 300 ms at 50 % and 90 % of that ideal rate.
#
#   bench/xraydar-pipeline/run.sh        (from anywhere; builds the node if target/quarkus-app is missing)
#
# Tunables (environment): CONCURRENCY ("1 8 32 64"), LATENCY_MS (300), ROUNDS (40: the capacity
# phase sends ROUNDS x C objects), PACED_LOADS ("0.5 0.9"), PACED_SECONDS (12), MAX_PHASE_OBJECTS
# (900: cap on both), ASSOC (8), DIM (128), NODE_XMX (512m). Results: bench/results/xraydar-pipeline-<date>.md (+ .tsv).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=$HERE/.cache
RUN=$CACHE/run                 # spool, Kafka data: removed at the end
LOGS=$CACHE/last-run           # logs and raw measurements of the latest run
RESULTS_DIR=${BENCH_RESULTS_DIR:-$ROOT/bench/results}   # run-all.sh points this elsewhere

CONCURRENCY=${CONCURRENCY:-1 8 32 64}
LATENCY_MS=${LATENCY_MS:-300}
ROUNDS=${ROUNDS:-40}
PACED_LOADS=${PACED_LOADS:-0.5 0.9}
PACED_SECONDS=${PACED_SECONDS:-12}
ASSOC=${ASSOC:-8}
DIM=${DIM:-128}                # DIM x DIM x 16 bit: ~34 KB per object at 128
NODE_XMX=${NODE_XMX:-512m}
# At most this many objects per phase. The node's spool workers queue at most 1000 objects in
# memory (Camel's default thread pool profile); past that the SCP answers C-STORE with A700 (Out of
# Resources) although the object is already in the spool - see bench/README.md. Each phase starts
# with an empty spool, so its backlog stays below the limit.
MAX_PHASE_OBJECTS=${MAX_PHASE_OBJECTS:-900}
NODE_AET=PACSBRIDGE
SCU_AET=BENCHSCU

# log, die, free_ports
. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------
# Cleanup: the node runs in its own process group (setsid) with its Kafka broker child; the
# consumer, the pacer and the storescu senders are tracked by pid.
# ---------------------------------------------------------------------------------------------
NODE_PID=""
TAP_PID=""
PIDS_TO_KILL=()

stop_node() {
    [[ -n $NODE_PID ]] || return 0
    if kill -0 "$NODE_PID" 2>/dev/null; then
        # TERM the node alone first: its shutdown stops its Kafka broker in order.
        kill "$NODE_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.5; done
    fi
    kill -TERM -- "-$NODE_PID" 2>/dev/null || true
    sleep 0.5
    kill -KILL -- "-$NODE_PID" 2>/dev/null || true
    NODE_PID=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    # (pace.py stops the storescu processes it started when it is told to stop)
    for p in "${PIDS_TO_KILL[@]}" $TAP_PID; do kill "$p" 2>/dev/null; done
    [[ -n $NODE_PID ]] && log "stopping the node (pid $NODE_PID)"
    stop_node
    rm -rf "$RUN"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
need_apt=()
command -v storescu >/dev/null || need_apt+=(dcmtk)
command -v javac >/dev/null || need_apt+=(openjdk-17-jdk-headless)
command -v python3 >/dev/null || need_apt+=(python3)
command -v curl >/dev/null || need_apt+=(curl)
command -v setsid >/dev/null || need_apt+=(util-linux)
if ((${#need_apt[@]})); then
    mapfile -t need_apt < <(printf '%s\n' "${need_apt[@]}" | sort -u)
    if [[ $(id -u) == 0 ]]; then
        log "installing: ${need_apt[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        die "missing tools; install as root: apt-get install ${need_apt[*]}"
    fi
fi
command -v java >/dev/null || die "java (17+) not found"

# ---------------------------------------------------------------------------------------------
# Node build, consumer, test objects (cached)
# ---------------------------------------------------------------------------------------------
if [[ ! -f $ROOT/target/quarkus-app/quarkus-run.jar || ! -d $ROOT/target/kafka-broker ]]; then
    log "building the node (./mvnw package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
KAFKA_CP="$ROOT/target/kafka-broker/*"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$CACHE"
rm -rf "$RUN" "$LOGS"
mkdir -p "$RUN" "$LOGS"

TAP_CLASSES=$CACHE/classes
if [[ ! -f $TAP_CLASSES/FindingsTap.class || $HERE/FindingsTap.java -nt $TAP_CLASSES/FindingsTap.class ]]; then
    log "compiling FindingsTap (Kafka consumer)"
    mkdir -p "$TAP_CLASSES"
    javac -d "$TAP_CLASSES" -cp "$KAFKA_CP" "$HERE/FindingsTap.java"
fi

# Objects per phase and setting; one generated set serves every setting because each node start
# gets an empty Kafka (and so an empty record of what was already sent to X-Raydar).
read -r -a CS <<<"$CONCURRENCY"
MAX_C=$(printf '%s\n' "${CS[@]}" | sort -n | tail -1)
warm_count() { local n=$((2 * $1)); ((n < 16)) && n=16; echo "$n"; }
burst_count() { local n=$((ROUNDS * $1)); ((n <= MAX_PHASE_OBJECTS)) || n=$MAX_PHASE_OBJECTS; echo "$n"; }
# paced_rate C LOAD, paced_count C LOAD
paced_rate() { awk -v c="$1" -v l="$2" -v ms="$LATENCY_MS" 'BEGIN {printf "%.3f", l * c * 1000 / ms}'; }
paced_count() { awk -v r="$(paced_rate "$1" "$2")" -v s="$PACED_SECONDS" -v m="$MAX_PHASE_OBJECTS" 'BEGIN {n = int(r * s + 0.5); printf "%d", (n < m ? n : m)}'; }
read -r -a LOADS <<<"$PACED_LOADS"
TOTAL=$(($(warm_count "$MAX_C") + $(burst_count "$MAX_C")))
for l in "${LOADS[@]}"; do TOTAL=$((TOTAL + $(paced_count "$MAX_C" "$l"))); done

SET=$CACHE/cr-$DIM
stamp="$TOTAL $DIM $(sha1sum "$ROOT/bench/dicom-ingest/gen_cr.py" | cut -c1-12)"
if [[ ! -f $SET/.stamp || $(cat "$SET/.stamp") != "$stamp" ]]; then
    log "generating $TOTAL CR objects of ${DIM}x${DIM} into $SET"
    rm -rf "$SET"
    # File i carries accession number BENCH<i, 6 digits>: that is how events are matched to phases.
    python3 "$ROOT/bench/dicom-ingest/gen_cr.py" "$SET" "$TOTAL" "$DIM" "$DIM" p
    echo "$stamp" >"$SET/.stamp"
fi
mapfile -t FILES < <(find "$SET" -name 'p*.dcm' | sort)
((${#FILES[@]} >= TOTAL)) || die "expected $TOTAL files in $SET"

# Busy share of all CPUs between two /proc/stat snapshots ("user nice system idle iowait irq softirq steal").
cpu_snapshot() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat; }
# CPU time (clock ticks) of the node's process group: the node and its Kafka broker.
node_ticks() {
    python3 - "$NODE_PID" <<'PYEOF'
import os, sys
group, total = int(sys.argv[1]), 0
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = open("/proc/%s/stat" % pid).read()
    except OSError:
        continue
    f = stat[stat.rindex(")") + 2:].split()      # fields from "state" on: pgrp is [2], utime [11], stime [12]
    if int(f[2]) == group:
        total += int(f[11]) + int(f[12])
print(total)
PYEOF
}
CLK_TCK=$(getconf CLK_TCK)
# node_cores TICKS0 TICKS1 WALL_NS0 WALL_NS1: CPUs' worth the node group used in between.
node_cores() { awk -v a="$1" -v b="$2" -v t0="$3" -v t1="$4" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", (b - a) / hz / ((t1 - t0) / 1e9)}'; }
cpu_busy() { awk -v a="$1" -v b="$2" 'BEGIN {split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; all = busy + y[2] - x[2]; printf "%.0f", (all > 0 ? 100 * busy / all : 0)}'; }

# ---------------------------------------------------------------------------------------------
# One setting
# ---------------------------------------------------------------------------------------------
RAW=$LOGS/phases.tsv
printf 'c\tphase\tfirst\tcount\tsend_seconds\tsend_info\tcpu_busy_pct\tload1\trelease_epoch_ms\tnode_cores\n' >"$RAW"
NODE_CMDS=$LOGS/node-commands.txt
: >"$NODE_CMDS"

events_seen() { if [[ -f $1 ]]; then wc -l <"$1"; else echo 0; fi; }

# wait_events FILE WANT TIMEOUT_S
wait_events() {
    local file=$1 want=$2 deadline=$((SECONDS + $3))
    while (($(events_seen "$file") < want)); do
        kill -0 "$NODE_PID" 2>/dev/null || die "the node exited; see $LOGS"
        ((SECONDS < deadline)) || die "only $(events_seen "$file") of $want findings events after $3 s; see $LOGS"
        sleep 0.2
    done
}

# send_burst FIRST COUNT LOG -> SEND_SECONDS: COUNT files from index FIRST over ASSOC storescu processes.
send_burst() {
    local first=$1 count=$2 out=$3 i lo hi pids=() rc=0 t0 t1
    local files=("${FILES[@]:first:count}")
    t0=$(date +%s%N)
    for ((i = 0; i < ASSOC; i++)); do
        lo=$((i * count / ASSOC)) hi=$(((i + 1) * count / ASSOC))
        ((hi > lo)) || continue
        storescu -aet "$SCU_AET" -aec "$NODE_AET" 127.0.0.1 "$P_DICOM" "${files[@]:lo:hi-lo}" >>"$out" 2>&1 &
        pids+=($!)
    done
    PIDS_TO_KILL=("${pids[@]}")
    for p in "${pids[@]}"; do wait "$p" || rc=$?; done
    PIDS_TO_KILL=()
    t1=$(date +%s%N)
    ((rc == 0)) || die "storescu failed (rc $rc); see $out"
    SEND_SECONDS=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
}

faults() { curl -sf -X POST -H 'Content-Type: application/json' -d "$1" "http://127.0.0.1:$P_SIM/simulator/faults" >/dev/null; }

run_setting() {
    local c=$1
    local dir=$LOGS/c$c
    mkdir -p "$dir"
    rm -rf "$RUN"/*
    read -r P_DICOM P_HTTP P_KAFKA P_KCTL P_SIM P_MLLP P_CONSOLE < <(free_ports 7)

    # pacs.xraydar.cv.read-timeout is raised only for the capacity phase's gate (below), which holds
    # up to C calls while the spool fills; the 300 ms answers of the measurement never come near it.
    NODE_CMD=(java "-Xmx$NODE_XMX" -Dquarkus.profile=demo
        "-Dpacs.dicom.concurrent-consumers=$c" "-Dpacs.xraydar.cv.max-concurrent-calls=$c"
        -Dpacs.xraydar.cv.read-timeout=120s
        "-Dpacs.dicom.port=$P_DICOM" "-Dquarkus.http.port=$P_HTTP" "-Dpacs.mllp.port=$P_MLLP"
        "-Dpacs.kafka.embedded.port=$P_KAFKA" "-Dpacs.kafka.embedded.controller-port=$P_KCTL"
        "-Dpacs.kafka.embedded.data-dir=$RUN/kafka" "-Dpacs.spool.dir=$RUN/spool"
        "-Dpacs.xraydar.simulator.port=$P_SIM" "-Dpacs.console.port=$P_CONSOLE"
        -jar target/quarkus-app/quarkus-run.jar)
    echo "${NODE_CMD[*]}" >>"$NODE_CMDS"
    log "C=$c: starting the node"
    cd "$ROOT"   # the node's home: routes/ and config/ are read from the working directory
    setsid "${NODE_CMD[@]}" >"$dir/node.log" 2>&1 &
    NODE_PID=$!
    cd - >/dev/null
    for i in $(seq 1 240); do
        kill -0 "$NODE_PID" 2>/dev/null || { tail -30 "$dir/node.log" >&2; die "the node exited"; }
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P_HTTP/q/health/ready") == 200 ]] && break
        ((i < 240)) || { tail -30 "$dir/node.log" >&2; die "the node did not become ready"; }
        sleep 0.5
    done

    local events=$dir/events.tsv
    java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$KAFKA_CP:$TAP_CLASSES" \
        FindingsTap "127.0.0.1:$P_KAFKA" pacs.findings.cv >"$events" 2>"$dir/tap.log" &
    TAP_PID=$!
    # The consumer creates the topic (auto-create) if the node has not yet. Give the new partitions'
    # leadership a moment to settle before the node publishes: a publish right after the creation
    # can get NOT_LEADER_OR_FOLLOWER, after which the node's idempotent producer was seen retrying
    # one batch with OUT_OF_ORDER_SEQUENCE_NUMBER once a second until its delivery timeout.
    for i in $(seq 1 100); do
        grep -q 'FindingsTap: reading' "$dir/tap.log" && break
        ((i < 100)) || die "the consumer did not get the partitions of pacs.findings.cv; see $dir/tap.log"
        sleep 0.2
    done
    sleep 2
    faults "{\"latencyMs\":$LATENCY_MS}"

    # first = objects sent so far at this setting = events expected before the next phase
    local first=0 n t_cpu0 t_cpu1 n_cpu0 n_cpu1 w0 w1
    # Warm-up (not measured): JIT, HTTP connections, the Kafka producers' first metadata.
    n=$(warm_count "$c")
    send_burst "$first" "$n" "$dir/storescu.log"
    wait_events "$events" "$n" 120
    printf '%s\twarm\t%s\t%s\t%s\t\t\t\t\n' "$c" "$((first + 1))" "$n" "$SEND_SECONDS" >>"$RAW"
    first=$((first + n))

    # Capacity: the simulator holds every call (a "hang") while ROUNDS x C objects are sent, so all
    # of them are in the spool before the clock starts and the sender cannot be the bottleneck;
    # the new plan (300 ms latency) lets the held calls go and the node drains the spool.
    n=$(burst_count "$c")
    log "C=$c: capacity phase, $n objects queued behind the gate"
    faults '{"hangNext":2147483647,"hangMs":110000}'
    send_burst "$first" "$n" "$dir/storescu.log"
    local send_s=$SEND_SECONDS
    t_cpu0=$(cpu_snapshot) n_cpu0=$(node_ticks) w0=$(date +%s%N)
    local release_ms
    release_ms=$(date +%s%3N)
    faults "{\"latencyMs\":$LATENCY_MS}"
    # (time limit: as if the node reached a tenth of the ideal rate, at least 2 minutes)
    local limit=$((n * LATENCY_MS / c / 100))
    ((limit > 120)) || limit=120
    wait_events "$events" $((first + n)) "$limit"
    t_cpu1=$(cpu_snapshot) n_cpu1=$(node_ticks) w1=$(date +%s%N)
    printf '%s\tcapacity\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$((first + 1))" "$n" "$send_s" \
        "$(awk -v n="$n" -v s="$send_s" 'BEGIN {printf "%.0f objects/s into the spool", n / s}')" \
        "$(cpu_busy "$t_cpu0" "$t_cpu1")" "$(cut -d' ' -f1 /proc/loadavg)" "$release_ms" \
        "$(node_cores "$n_cpu0" "$n_cpu1" "$w0" "$w1")" >>"$RAW"
    first=$((first + n))

    # Latency: objects sent at a share (load) of the ideal rate, one moment after the other.
    local load rate
    for load in "${LOADS[@]}"; do
        n=$(paced_count "$c" "$load")
        rate=$(paced_rate "$c" "$load")
        log "C=$c: paced phase at $load x ideal, $n objects at $rate/s"
        printf '%s\n' "${FILES[@]:first:n}" >"$dir/paced-files.txt"
        t_cpu0=$(cpu_snapshot) n_cpu0=$(node_ticks) w0=$(date +%s%N)
        python3 "$HERE/pace.py" "$rate" "$dir/paced-files.txt" 127.0.0.1 "$P_DICOM" "$NODE_AET" "$SCU_AET" \
            "$dir/storescu.log" >"$dir/pace.out" &
        PIDS_TO_KILL=($!)
        wait "${PIDS_TO_KILL[0]}" || die "pace.py failed: $(cat "$dir/pace.out"); see $dir/storescu.log"
        PIDS_TO_KILL=()
        wait_events "$events" $((first + n)) 180
        t_cpu1=$(cpu_snapshot) n_cpu1=$(node_ticks) w1=$(date +%s%N)
        printf '%s\tpaced-%s\t%s\t%s\t%s\t%s\t%s\t%s\t\t%s\n' "$c" "$load" "$((first + 1))" "$n" \
            "$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$dir/pace.out")" "target $rate/s, $(cat "$dir/pace.out")" \
            "$(cpu_busy "$t_cpu0" "$t_cpu1")" "$(cut -d' ' -f1 /proc/loadavg)" \
            "$(node_cores "$n_cpu0" "$n_cpu1" "$w0" "$w1")" >>"$RAW"
        first=$((first + n))
    done

    # The node's own count, for a cross-check against what the consumer saw.
    curl -s "http://127.0.0.1:$P_HTTP/q/metrics" | grep '^pacs_findings_published_total' >"$dir/metrics.txt" || true
    sleep 0.5
    kill "$TAP_PID" 2>/dev/null || true
    wait "$TAP_PID" 2>/dev/null || true
    TAP_PID=""
    log "C=$c: stopping the node"
    stop_node
}

for c in "${CS[@]}"; do
    PIDS_TO_KILL=()
    run_setting "$c"
done

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
mkdir -p "$RESULTS_DIR"
day=$(date +%F)
OUT=$RESULTS_DIR/xraydar-pipeline-$day.md
n=2
while [[ -e $OUT ]]; do OUT=$RESULTS_DIR/xraydar-pipeline-$day-$n.md; n=$((n + 1)); done

META=$LOGS/meta.txt
{
    echo "date=$(date '+%Y-%m-%d %H:%M %Z')"
    echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' (with local changes)')"
    echo "cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "cores=$(nproc) online CPUs ($(grep -c '^processor' /proc/cpuinfo) in /proc/cpuinfo)"
    echo "ram=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "load_start=$LOAD_START"
    echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "kernel=$(uname -sr)"
    echo "jdk=$(java -version 2>&1 | head -2 | tr '\n' ' ')"
    echo "dcmtk=$(storescu --version 2>&1 | head -1 | tr -d '$')"
    echo "latency_ms=$LATENCY_MS"
    echo "rounds=$ROUNDS"
    echo "paced_loads=$PACED_LOADS"
    echo "paced_seconds=$PACED_SECONDS"
    echo "assoc=$ASSOC"
    echo "max_phase_objects=$MAX_PHASE_OBJECTS"
    echo "dim=$DIM"
    echo "file_bytes=$(stat -c %s "${FILES[0]}")"
    echo "xmx=$NODE_XMX"
} >"$META"

CMDS=$LOGS/commands.txt
{
    echo "# node, one start per setting (from the repository root; free ports picked per start)"
    cat "$NODE_CMDS"
    echo "# simulator faults: the fixed latency, and the gate of the capacity phase"
    echo "curl -X POST -H 'Content-Type: application/json' -d '{\"latencyMs\":$LATENCY_MS}' http://127.0.0.1:<sim port>/simulator/faults"
    echo "curl -X POST -H 'Content-Type: application/json' -d '{\"hangNext\":2147483647,\"hangMs\":110000}' http://127.0.0.1:<sim port>/simulator/faults"
    echo "# findings consumer (reads pacs.findings.cv from the start, stamps each record on arrival)"
    echo "javac -d $TAP_CLASSES -cp '$KAFKA_CP' $HERE/FindingsTap.java"
    echo "java -cp '$KAFKA_CP:$TAP_CLASSES' FindingsTap 127.0.0.1:<kafka port> pacs.findings.cv"
    echo "# warm-up and capacity phase: $ASSOC storescu processes, each a contiguous share of the files"
    echo "storescu -aet $SCU_AET -aec $NODE_AET 127.0.0.1 <dicom port> <files...>"
    echo "# paced phase: one storescu per 100 ms tick with the files due by then"
    echo "python3 $HERE/pace.py <load x C / ${LATENCY_MS} ms> <file list> 127.0.0.1 <dicom port> $NODE_AET $SCU_AET <log>"
    echo "# objects"
    echo "python3 $ROOT/bench/dicom-ingest/gen_cr.py $SET $TOTAL $DIM $DIM p"
} >"$CMDS"

python3 "$HERE/report.py" "$LOGS" "$META" "$CMDS" "${OUT%.md}.tsv" >"$OUT"
cat "$OUT"
log "results written to $OUT (logs of this run: $LOGS)"
