#!/usr/bin/env bash
# Start-up benchmark: time from `java -jar target/quarkus-app/quarkus-run.jar` (demo profile,
# embedded Kafka broker, free ports, fresh data) to /q/health/ready answering UP, the node's own
# "started in" figure and its resident memory at that moment; median of RUNS starts. The same for
# the production profile against a Kafka broker that is already running (as a hospital runs it):
# KAFKA_BOOTSTRAP_SERVERS set, fresh spool and state, one broker for all its starts.
# Baseline, started the same way RUNS times: the node's embedded Kafka broker alone (the same jars,
# JVM options and KRaft configuration the node gives it, storage formatted fresh) up to its client
# port accepting connections - the part of the node's start-up the node cannot do without in the
# demo profile. The bare JVM start (`java -version`, same JVM) is reported as the floor.
#
#   bench/startup/run.sh            (from anywhere; builds the node if target/quarkus-app is missing)
#
# Tunables (environment): RUNS (5), NODE_XMX (256m). Results: bench/results/startup-<date>.md and
# a .tsv of its figures next to it.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=$HERE/.cache
RUN=$CACHE/run                 # data of the starts: removed at the end
LOGS=$CACHE/last-run           # logs and raw measurements of the latest run
RESULTS_DIR=${BENCH_RESULTS_DIR:-$ROOT/bench/results}   # run-all.sh points this elsewhere

RUNS=${RUNS:-5}
NODE_XMX=${NODE_XMX:-256m}

# log, die, free_ports
. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------
# Cleanup: each started JVM runs in its own process group (setsid): the node with its broker child.
# ---------------------------------------------------------------------------------------------
GROUP_PID=""
RUNNING_GROUP=""
RUNNING_BROKER=""

stop_group() {
    [[ -n $GROUP_PID ]] || return 0
    if kill -0 "$GROUP_PID" 2>/dev/null; then
        # TERM the main process alone first: the node's shutdown stops its Kafka broker in order.
        kill "$GROUP_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$GROUP_PID" 2>/dev/null || break; sleep 0.5; done
    fi
    kill -TERM -- "-$GROUP_PID" 2>/dev/null || true
    sleep 0.5
    kill -KILL -- "-$GROUP_PID" 2>/dev/null || true
    GROUP_PID=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    [[ -n $GROUP_PID ]] && log "stopping pid $GROUP_PID"
    stop_group
    if [[ -n $RUNNING_GROUP ]]; then
        GROUP_PID=$RUNNING_GROUP
        stop_group
    fi
    rm -rf "$RUN" "$CACHE/running-broker"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Tools, node
# ---------------------------------------------------------------------------------------------
need_apt=()
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
BROKER_LIB=$ROOT/target/kafka-broker

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$CACHE"
rm -rf "$RUN" "$LOGS"
mkdir -p "$RUN" "$LOGS"

now_ns() { date +%s%N; }
ms_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN {printf "%.0f", (b - a) / 1e6}'; }
# Resident set size (MB) of one process, and of a whole process group.
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
group_rss_mb() {
    python3 - "$1" <<'PYEOF'
import os, sys
group, kb = int(sys.argv[1]), 0
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = open("/proc/%s/stat" % pid).read()
        if int(stat[stat.rindex(")") + 2:].split()[2]) != group:
            continue
        for line in open("/proc/%s/status" % pid):
            if line.startswith("VmRSS:"):
                kb += int(line.split()[1])
    except (OSError, ValueError):
        continue
print("%.0f" % (kb / 1024))
PYEOF
}

RAW=$LOGS/runs.tsv
printf 'what\trun\tready_ms\tstarted_in_s\trss_mb\tgroup_rss_mb\n' >"$RAW"
CMDS=$LOGS/commands.txt
: >"$CMDS"

# ---------------------------------------------------------------------------------------------
# The node: launch -> /q/health/ready 200 (polled every 50 ms)
# ---------------------------------------------------------------------------------------------
node_cmd() {
    NODE_CMD=(java "-Xmx$NODE_XMX" "-Dquarkus.profile=$1"
        "-Dpacs.dicom.port=$P_DICOM" "-Dquarkus.http.port=$P_HTTP" "-Dpacs.mllp.port=$P_MLLP"
        "-Dpacs.kafka.embedded.port=$P_KAFKA" "-Dpacs.kafka.embedded.controller-port=$P_KCTL"
        "-Dpacs.kafka.embedded.data-dir=$RUN/kafka" "-Dpacs.spool.dir=$RUN/spool"
        "-Dpacs.xraydar.simulator.port=$P_SIM" "-Dpacs.console.port=$P_CONSOLE"
        "-Dpacs.findings.correlation.state-dir=$RUN/streams"
        "${@:2}" -jar target/quarkus-app/quarkus-run.jar)
}

# start_node RUN [demo|prod|prod-cds-training|prod-cds]: the prod ones run against the broker of
# start_running_broker; prod-cds-training writes a class-data archive when the node exits, prod-cds
# starts from it (README, "Faster starts").
start_node() {
    local run=$1 profile=${2:-demo} t0 ready_ms started rss grss what=node cds=()
    case $profile in
        prod) what=node-prod ;;
        prod-cds-training) what=node-prod-cds; profile=prod; cds=("-XX:ArchiveClassesAtExit=$CDS_ARCHIVE") ;;
        prod-cds) what=node-prod-cds; profile=prod; cds=("-XX:SharedArchiveFile=$CDS_ARCHIVE") ;;
    esac
    rm -rf "${RUN:?}"/*
    read -r P_DICOM P_HTTP P_MLLP P_KAFKA P_KCTL P_SIM P_CONSOLE < <(free_ports 7)
    if [[ $profile == prod ]]; then
        # the single test broker cannot meet production's replication thresholds; no X-Raydar is
        # reached at start-up, the key only has to be there
        node_cmd prod -Dpacs.kafka.min-replication-factor=1 -Dpacs.kafka.min-insync-replicas=1 \
            -Dpacs.xraydar.api-key=STARTUPBENCH0000 "${cds[@]}"
    else
        node_cmd demo
    fi
    [[ $run == 1 ]] && { echo "# $what (from the repository root; free ports and a fresh data dir per start)"
        [[ $profile == prod ]] && echo "KAFKA_BOOTSTRAP_SERVERS=$RUNNING_BROKER \\"
        echo "${NODE_CMD[*]}"; } >>"$CMDS"
    local out=$LOGS/$what-$run.log
    cd "$ROOT"   # the node's home: routes/ and config/ are read from the working directory
    t0=$(now_ns)
    local env=()
    [[ $profile == prod ]] && env=("KAFKA_BOOTSTRAP_SERVERS=$RUNNING_BROKER")
    env "${env[@]}" setsid "${NODE_CMD[@]}" >"$out" 2>&1 &
    GROUP_PID=$!
    cd - >/dev/null
    while true; do
        kill -0 "$GROUP_PID" 2>/dev/null || { tail -30 "$out" >&2; die "the node exited"; }
        if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P_HTTP/q/health/ready") == 200 ]]; then
            ready_ms=$(ms_since "$t0")
            break
        fi
        (($(ms_since "$t0") < 180000)) || { tail -30 "$out" >&2; die "the node did not become ready in 180 s"; }
        sleep 0.05
    done
    rss=$(rss_mb "$GROUP_PID") grss=$(group_rss_mb "$GROUP_PID")
    curl -s "http://127.0.0.1:$P_HTTP/q/health/ready" >"$LOGS/ready-$what-$run.json" || true
    # Quarkus' own figure: "... started in 4.123s. Listening on ..." (the prod log is JSON)
    started=$(sed -n 's/.*started in \([0-9.]*\)s\. Listening.*/\1/p' "$out" | head -1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$what" "$run" "$ready_ms" "${started:-}" "$rss" "$grss" >>"$RAW"
    log "$what, start $run: ready after $ready_ms ms (Quarkus: started in ${started:-?} s), RSS $rss MB, group $grss MB"
    stop_group
}

# ---------------------------------------------------------------------------------------------
# Baseline: the embedded broker alone, as KafkaBrokerProcess starts it (format, then kafka.Kafka),
# launch -> client port accepting connections (polled every 50 ms).
# ---------------------------------------------------------------------------------------------
BROKER_JAVA=(java -Xms64m -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=info
    -Dorg.slf4j.simpleLogger.showDateTime=true -cp "$BROKER_LIB/*")

# launch_broker DIR RUN: writes server.properties, formats the storage (as the node does on a fresh data
# dir) and starts the broker in its own process group; sets BROKER_PID and P_KAFKA and returns once the
# client port accepts connections.
launch_broker() {
    local dir=$1 run=$2 t0
    mkdir -p "$dir"
    read -r P_KAFKA P_KCTL < <(free_ports 2)
    cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$P_KCTL
listeners=PLAINTEXT://localhost:$P_KAFKA,CONTROLLER://localhost:$P_KCTL
advertised.listeners=PLAINTEXT://localhost:$P_KAFKA
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/logs
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
    local out=$LOGS/broker-$run.log
    t0=$(now_ns)
    # an id starting with "-" would read as an option: redrawn, as Kafka's Uuid.randomUuid() does
    "${BROKER_JAVA[@]}" kafka.tools.StorageTool format -t "$(python3 -c '
import base64, uuid
u = "-"
while u.startswith("-"):
    u = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
print(u)')" \
        -c "$dir/server.properties" >"$LOGS/format-$run.log" 2>&1 || die "formatting the broker storage failed; see $LOGS/format-$run.log"
    setsid "${BROKER_JAVA[@]}" kafka.Kafka "$dir/server.properties" >"$out" 2>&1 &
    BROKER_PID=$!
    while ! (exec 3<>"/dev/tcp/127.0.0.1/$P_KAFKA") 2>/dev/null; do
        kill -0 "$BROKER_PID" 2>/dev/null || { tail -30 "$out" >&2; die "the broker exited"; }
        (($(ms_since "$t0") < 120000)) || { tail -30 "$out" >&2; die "the broker did not listen in 120 s"; }
        sleep 0.05
    done
}

start_broker() {
    local run=$1 t0 ready_ms rss
    rm -rf "${RUN:?}"/*
    t0=$(now_ns)
    launch_broker "$RUN/broker" "$run"
    GROUP_PID=$BROKER_PID
    ready_ms=$(ms_since "$t0")
    if [[ $run == 1 ]]; then
        {
            echo "# baseline: the embedded broker alone (server.properties as the node writes it, fresh log.dirs)"
            echo "${BROKER_JAVA[*]} kafka.tools.StorageTool format -t <random uuid> -c <dir>/server.properties"
            echo "${BROKER_JAVA[*]} kafka.Kafka <dir>/server.properties"
        } >>"$CMDS"
    fi
    rss=$(rss_mb "$GROUP_PID")
    printf 'broker\t%s\t%s\t\t%s\t%s\n' "$run" "$ready_ms" "$rss" "$rss" >>"$RAW"
    log "broker alone, start $run: listening after $ready_ms ms, RSS $rss MB"
    stop_group
}

# The broker the production-profile starts run against: started once, stopped at the end.
start_running_broker() {
    launch_broker "$CACHE/running-broker" running
    RUNNING_GROUP=$BROKER_PID
    RUNNING_BROKER=localhost:$P_KAFKA
    log "running broker for the prod starts at $RUNNING_BROKER"
}

# The floor: the same JVM starting and exiting.
jvm_floor() {
    local run=$1 t0 ms
    [[ $run == 1 ]] && { echo "# floor: the bare JVM"; echo "java -Xmx$NODE_XMX -version"; } >>"$CMDS"
    t0=$(now_ns)
    java "-Xmx$NODE_XMX" -version >/dev/null 2>&1
    ms=$(ms_since "$t0")
    printf 'jvm\t%s\t%s\t\t\t\n' "$run" "$ms" >>"$RAW"
}

# Alternate node and baseline starts so that a change in the machine's load hits both alike.
# One unmeasured start of each first: it fills the page cache with the jars.
log "warm-up start of the node and of the broker (not measured)"
start_node 0 && sed -i '/^node\t0\t/d' "$RAW"
start_broker 0 && sed -i '/^broker\t0\t/d' "$RAW"
for ((run = 1; run <= RUNS; run++)); do
    start_node "$run"
    start_broker "$run"
    jvm_floor "$run"
done
# %prod against a running broker: the broker first, then one unmeasured start and RUNS measured ones
rm -rf "$CACHE/running-broker"
start_running_broker
start_node 0 prod && sed -i '/^node-prod\t0\t/d' "$RAW"
for ((run = 1; run <= RUNS; run++)); do
    start_node "$run" prod
done
# the same with a class-data archive: one training start writes it on exit, then RUNS measured ones
CDS_ARCHIVE=$CACHE/pacs-bridge.jsa
rm -f "$CDS_ARCHIVE"
start_node 0 prod-cds-training && sed -i '/^node-prod-cds\t0\t/d' "$RAW"
[[ -s $CDS_ARCHIVE ]] || die "the training start wrote no class-data archive ($CDS_ARCHIVE)"
for ((run = 1; run <= RUNS; run++)); do
    start_node "$run" prod-cds
done

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
mkdir -p "$RESULTS_DIR"
day=$(date +%F)
OUT=$RESULTS_DIR/startup-$day.md
n=2
while [[ -e $OUT ]]; do OUT=$RESULTS_DIR/startup-$day-$n.md; n=$((n + 1)); done

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
    echo "disk=$(findmnt -n -o FSTYPE -T "$CACHE" 2>/dev/null || echo '?') at $CACHE"
    echo "runs=$RUNS"
    echo "xmx=$NODE_XMX"
} >"$META"

python3 "$HERE/report.py" "$RAW" "$META" "$CMDS" "${OUT%.md}.tsv" >"$OUT"
cat "$OUT"
log "results written to $OUT (logs of this run: $LOGS)"
