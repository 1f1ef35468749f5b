#!/usr/bin/env bash
# MLLP benchmark: HL7 v2.5.1 ORU^R01 chest X-ray reports per second acknowledged AA by the node,
# over 1 and 4 MLLP connections. The node answers AA only once Kafka (acks=all) holds the report on
# pacs.reports, so every AA counted here is a durable message. Baseline: plain camel-mllp with its
# own immediate auto-ACK and nothing behind it (AutoAckMain), same sender, same messages.
#
#   bench/mllp/run.sh            (from anywhere; builds the node if target/quarkus-app is missing)
#
# Tunables (environment): CONNECTIONS ("1 4"), SECONDS_PER_RUN (10), WARMUP (3 s before each run),
# RECEIVER_WARMUP (60 s per receiver), REPEATS (3), NODE_XMX (512m). Results: bench/results/mllp-<date>.md (+ .tsv).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=$HERE/.cache
RUN=$CACHE/run                 # Kafka data: removed at the end
LOGS=$CACHE/last-run           # logs and raw measurements of the latest run
RESULTS_DIR=${BENCH_RESULTS_DIR:-$ROOT/bench/results}   # run-all.sh points this elsewhere

CONNECTIONS=${CONNECTIONS:-1 4}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WARMUP=${WARMUP:-3}
RECEIVER_WARMUP=${RECEIVER_WARMUP:-60}
REPEATS=${REPEATS:-3}
NODE_XMX=${NODE_XMX:-512m}

# log, die, free_ports
. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------
# Cleanup: each receiver (the node with its Kafka broker child, or the baseline) runs in its own
# process group (setsid); the sender is tracked by pid.
# ---------------------------------------------------------------------------------------------
RECEIVER_PID=""
SENDER_PID=""

stop_receiver() {
    [[ -n $RECEIVER_PID ]] || return 0
    if kill -0 "$RECEIVER_PID" 2>/dev/null; then
        # TERM the main process alone first: the node's shutdown stops its Kafka broker in order.
        kill "$RECEIVER_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$RECEIVER_PID" 2>/dev/null || break; sleep 0.5; done
    fi
    kill -TERM -- "-$RECEIVER_PID" 2>/dev/null || true
    sleep 0.5
    kill -KILL -- "-$RECEIVER_PID" 2>/dev/null || true
    RECEIVER_PID=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    [[ -n $SENDER_PID ]] && kill "$SENDER_PID" 2>/dev/null
    [[ -n $RECEIVER_PID ]] && log "stopping the receiver (pid $RECEIVER_PID)"
    stop_receiver
    rm -rf "$RUN"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Tools, node, classpath, bench programs (cached)
# ---------------------------------------------------------------------------------------------
need_apt=()
command -v javac >/dev/null || need_apt+=(openjdk-17-jdk-headless)
command -v python3 >/dev/null || need_apt+=(python3)
command -v curl >/dev/null || need_apt+=(curl)
command -v setsid >/dev/null || need_apt+=(util-linux)
if ((${#need_apt[@]})); then
    if [[ $(id -u) == 0 ]]; then
        log "installing: ${need_apt[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        die "missing tools; install as root: apt-get install ${need_apt[*]}"
    fi
fi
command -v java >/dev/null || die "java (17+) not found"

if [[ ! -f $ROOT/target/quarkus-app/quarkus-run.jar || ! -d $ROOT/target/kafka-broker ]]; then
    log "building the node (./mvnw package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
KAFKA_CP="$ROOT/target/kafka-broker/*"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$CACHE"
rm -rf "$RUN" "$LOGS"
mkdir -p "$RUN" "$LOGS"

# The baseline runs on the project's own runtime dependencies (camel-main, camel-mllp and their
# dependencies at the versions the node uses); recomputed when pom.xml changes.
CP_FILE=$CACHE/runtime-classpath.txt
if [[ ! -s $CP_FILE || $ROOT/pom.xml -nt $CP_FILE ]]; then
    log "resolving the project's runtime classpath (mvnw dependency:build-classpath)"
    (cd "$ROOT" && ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE")
fi
PROJECT_CP=$(cat "$CP_FILE")

CLASSES=$CACHE/classes
stamp="$(cat "$HERE"/*.java "$CP_FILE" | sha1sum | cut -c1-12)"
if [[ ! -f $CLASSES/.stamp || $(cat "$CLASSES/.stamp") != "$stamp" ]]; then
    log "compiling the sender, the topic counter and the baseline"
    rm -rf "$CLASSES"
    mkdir -p "$CLASSES"
    javac -d "$CLASSES" "$HERE/MllpLoad.java"
    javac -d "$CLASSES" -cp "$KAFKA_CP" "$HERE/TopicCount.java"
    javac -d "$CLASSES" -cp "$PROJECT_CP" "$HERE/AutoAckMain.java"
    echo "$stamp" >"$CLASSES/.stamp"
fi

# CPU time (clock ticks) of the receiver's process group (the node and its broker, or the baseline).
group_ticks() {
    python3 - "$RECEIVER_PID" <<'PYEOF'
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
# Busy/idle jiffies of all CPUs ("user nice system idle iowait irq softirq steal").
cpu_snapshot() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat; }
cpu_busy() { awk -v a="$1" -v b="$2" 'BEGIN {split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; all = busy + y[2] - x[2]; printf "%.0f", (all > 0 ? 100 * busy / all : 0)}'; }

# ---------------------------------------------------------------------------------------------
# Receivers
# ---------------------------------------------------------------------------------------------
CMDS=$LOGS/commands.txt
: >"$CMDS"

wait_port() {
    local port=$1 what=$2 logfile=$3
    for i in $(seq 1 240); do
        kill -0 "$RECEIVER_PID" 2>/dev/null || { tail -30 "$logfile" >&2; die "$what exited"; }
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        ((i < 240)) || { tail -30 "$logfile" >&2; die "$what does not listen on $port"; }
        sleep 0.5
    done
}

# start_node NAME EXTRA_OPTS... -> P_MLLP, P_KAFKA
start_node() {
    local name=$1; shift
    local P_DICOM P_HTTP P_KCTL P_SIM P_CONSOLE
    read -r P_MLLP P_KAFKA P_KCTL P_HTTP P_DICOM P_SIM P_CONSOLE < <(free_ports 7)
    rm -rf "$RUN/kafka"
    local cmd=(java "-Xmx$NODE_XMX" -Dquarkus.profile=demo "$@"
        "-Dpacs.mllp.port=$P_MLLP" "-Dquarkus.http.port=$P_HTTP" "-Dpacs.dicom.port=$P_DICOM"
        "-Dpacs.kafka.embedded.port=$P_KAFKA" "-Dpacs.kafka.embedded.controller-port=$P_KCTL"
        "-Dpacs.kafka.embedded.data-dir=$RUN/kafka" "-Dpacs.spool.dir=$RUN/spool"
        "-Dpacs.xraydar.simulator.port=$P_SIM" "-Dpacs.console.port=$P_CONSOLE"
        -jar target/quarkus-app/quarkus-run.jar)
    echo "# $name (from the repository root; free ports picked per start)" >>"$CMDS"
    echo "${cmd[*]}" >>"$CMDS"
    log "$name: starting the node"
    cd "$ROOT"   # the node's home: routes/ and config/ are read from the working directory
    setsid "${cmd[@]}" >"$LOGS/$name.log" 2>&1 &
    RECEIVER_PID=$!
    cd - >/dev/null
    for i in $(seq 1 240); do
        kill -0 "$RECEIVER_PID" 2>/dev/null || { tail -30 "$LOGS/$name.log" >&2; die "the node exited"; }
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P_HTTP/q/health/ready") == 200 ]] && break
        ((i < 240)) || { tail -30 "$LOGS/$name.log" >&2; die "the node did not become ready"; }
        sleep 0.5
    done
    wait_port "$P_MLLP" "the node" "$LOGS/$name.log"
}

start_baseline() {
    local name=$1
    read -r P_MLLP < <(free_ports 1)
    local cmd=(java "-Xmx$NODE_XMX" -cp "$CLASSES:$PROJECT_CP" AutoAckMain "$P_MLLP")
    echo "# $name" >>"$CMDS"
    echo "javac -d $CLASSES -cp \"\$(cat $CP_FILE)\" $HERE/AutoAckMain.java" >>"$CMDS"
    echo "java -Xmx$NODE_XMX -cp \"$CLASSES:\$(cat $CP_FILE)\" AutoAckMain $P_MLLP" >>"$CMDS"
    log "$name: starting the camel-mllp auto-ACK baseline"
    mkdir -p "$RUN/baseline"
    cd "$RUN/baseline"   # an empty working directory: nothing of the node's configuration around
    setsid "${cmd[@]}" >"$LOGS/$name.log" 2>&1 &
    RECEIVER_PID=$!
    cd - >/dev/null
    wait_port "$P_MLLP" "the baseline" "$LOGS/$name.log"
}

# ---------------------------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------------------------
RAW=$LOGS/runs.tsv
printf 'receiver\tconnections\trep\tmessages\tseconds\trate\tp50_ms\tp99_ms\tmax_ms\tsent_total\treceiver_cpus\tcpu_busy_pct\tload1\n' >"$RAW"
read -r -a CONNS <<<"$CONNECTIONS"

# measure RECEIVER_NAME: every connection count, REPEATS times; SENT = messages answered AA in total.
measure() {
    local name=$1 conns rep out first t0 t1 c0 c1 w0 w1
    SENT=0
    # Warm-up of the receiver (JIT): RECEIVER_WARMUP s over the largest connection count, not
    # measured; without it the first runs of the node come out several times slower than later ones.
    # 15 s was not enough on 2 cores: the node's and its broker's JIT compilers still took a core, and
    # one connection gave 262, 474 and 615 messages/s in runs 1 to 3.
    local most=${CONNS[-1]}
    log "$name: warm-up, ${RECEIVER_WARMUP}s over $most connection(s)"
    java -cp "$CLASSES" MllpLoad 127.0.0.1 "$P_MLLP" "$most" "$RECEIVER_WARMUP" 1 90000000 \
        >"$LOGS/send.out" 2>>"$LOGS/send.err" &
    SENDER_PID=$!
    wait "$SENDER_PID" || die "$name, warm-up: $(tail -3 "$LOGS/send.err")"
    SENDER_PID=""
    out=$(cat "$LOGS/send.out")
    echo "$name warm-up $out" >>"$LOGS/send.log"
    SENT=$(($(sed -n 's/.*next_index=\([0-9]*\).*/\1/p' <<<"$out") - 90000000))
    for conns in "${CONNS[@]}"; do
        for ((rep = 1; rep <= REPEATS; rep++)); do
            # Same messages for every receiver: each (connections, repeat) cell has its own index range.
            first=$((conns * 10000000 + rep * 1000000))
            c0=$(cpu_snapshot) t0=$(group_ticks) w0=$(date +%s%N)
            java -cp "$CLASSES" MllpLoad 127.0.0.1 "$P_MLLP" "$conns" "$WARMUP" "$SECONDS_PER_RUN" "$first" \
                >"$LOGS/send.out" 2>>"$LOGS/send.err" &
            SENDER_PID=$!
            wait "$SENDER_PID" || die "$name, $conns connection(s): $(tail -3 "$LOGS/send.err")"
            SENDER_PID=""
            c1=$(cpu_snapshot) t1=$(group_ticks) w1=$(date +%s%N)
            out=$(cat "$LOGS/send.out")
            echo "$name $out" >>"$LOGS/send.log"
            kv() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$out"; }
            local sent=$(($(kv next_index) - $(kv first_index)))
            SENT=$((SENT + sent))
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$conns" "$rep" "$(kv messages)" \
                "$(kv seconds)" "$(kv rate)" "$(kv p50_ms)" "$(kv p99_ms)" "$(kv max_ms)" "$sent" \
                "$(awk -v a="$t0" -v b="$t1" -v w0="$w0" -v w1="$w1" -v hz="$CLK_TCK" \
                    'BEGIN {printf "%.2f", (b - a) / hz / ((w1 - w0) / 1e9)}')" \
                "$(cpu_busy "$c0" "$c1")" "$(cut -d' ' -f1 /proc/loadavg)" >>"$RAW"
            log "$name, $conns connection(s), run $rep: $(kv rate) messages/s AA (p99 $(kv p99_ms) ms)"
        done
    done
}

CHECKS=$LOGS/checks.txt
: >"$CHECKS"

# The node as deployed: reports also flow on from pacs.reports to X-Raydar-NLP (the simulator,
# no added latency) while the benchmark runs, competing for the same CPUs.
start_node node -Dpacs.xraydar.nlp.enabled=true
measure node
got=$(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$KAFKA_CP:$CLASSES" TopicCount "127.0.0.1:$P_KAFKA" pacs.reports)
echo "node: $SENT messages answered AA, pacs.reports holds $got records" >>"$CHECKS"
((got >= SENT)) || die "node: $SENT messages answered AA but pacs.reports holds only $got"
log "node: $SENT AA, $got records on pacs.reports"
stop_receiver

# The same with the NLP flow off (reports are read from the topic and counted as filtered): the
# intake path alone.
start_node node-nlp-off -Dpacs.xraydar.nlp.enabled=false
measure node-nlp-off
got=$(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$KAFKA_CP:$CLASSES" TopicCount "127.0.0.1:$P_KAFKA" pacs.reports)
echo "node-nlp-off: $SENT messages answered AA, pacs.reports holds $got records" >>"$CHECKS"
((got >= SENT)) || die "node-nlp-off: $SENT messages answered AA but pacs.reports holds only $got"
log "node-nlp-off: $SENT AA, $got records on pacs.reports"
stop_receiver

start_baseline baseline
measure baseline
echo "baseline: $SENT messages answered AA (nothing stored)" >>"$CHECKS"
stop_receiver

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
{
    echo "# sender (one thread and connection each; send, wait for the ACK, check MSA-1 = AA and MSA-2, next)"
    echo "javac -d $CLASSES $HERE/MllpLoad.java"
    echo "java -cp $CLASSES MllpLoad 127.0.0.1 <mllp port> ${CONNS[-1]} $RECEIVER_WARMUP 1 90000000   # receiver warm-up"
    echo "java -cp $CLASSES MllpLoad 127.0.0.1 <mllp port> <connections> $WARMUP $SECONDS_PER_RUN <first message index>"
    echo "# durability check after the node's runs"
    echo "java -cp '$KAFKA_CP:$CLASSES' TopicCount 127.0.0.1:<kafka port> pacs.reports"
    echo "# project runtime classpath for the baseline"
    echo "./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=$CP_FILE"
} >>"$CMDS"
java -cp "$CLASSES" MllpLoad --print-sample >"$LOGS/sample.hl7" 2>/dev/null || true

mkdir -p "$RESULTS_DIR"
day=$(date +%F)
OUT=$RESULTS_DIR/mllp-$day.md
n=2
while [[ -e $OUT ]]; do OUT=$RESULTS_DIR/mllp-$day-$n.md; n=$((n + 1)); done

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
    echo "camel=$(tr ':' '\n' <"$CP_FILE" | sed -n 's#.*/camel-mllp-\([0-9.]*\)\.jar#\1#p' | head -1)"
    echo "seconds=$SECONDS_PER_RUN"
    echo "warmup=$WARMUP"
    echo "receiver_warmup=$RECEIVER_WARMUP"
    echo "repeats=$REPEATS"
    echo "xmx=$NODE_XMX"
} >"$META"

python3 "$HERE/report.py" "$RAW" "$META" "$CMDS" "$CHECKS" "$LOGS/sample.hl7" "${OUT%.md}.tsv" >"$OUT"
cat "$OUT"
log "results written to $OUT (logs of this run: $LOGS)"
