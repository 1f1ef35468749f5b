#!/usr/bin/env bash
# Study correlation benchmark: study events/s produced by the node's Kafka Streams topology
# (org.pacsbridge.findings.StudyCorrelationTopology, built by the node's own classes with the node's
# shipped settings) from N findings events pre-loaded on pacs.findings.cv / pacs.findings.nlp, on one
# real KRaft broker. Baseline, in the same run, on the same input and broker: a pass-through Kafka
# Streams application of the same shape (same two source topics, same Streams properties and
# processing guarantee) writing one record per input, without the state store. Each run: a fresh
# JVM and application id, timed from starting the Streams app to the N-th output record committed
# (a read_committed consumer in the same JVM); the two alternate, REPEATS each; medians.
#
#   bench/correlation/run.sh            (from anywhere; builds the node if target/quarkus-app is missing)
#
# Tunables (environment): N (20000 events), IMAGES_PER_STUDY (3; plus one report per study),
# REPEATS (3), PARTITIONS (6, as pacs.kafka.topic-partitions), RUNNER_XMX (512m), RUNNER_OPTS (more
# JVM options for the runner, e.g. a flight recording: -XX:StartFlightRecording=filename=/tmp/jfr/),
# PROCESSING_GUARANTEE (the node's: config/application.properties), RUN_TIMEOUT_S (a run that has
# not written N records by then fails; max(600, N / 20)). Results:
# bench/results/correlation-<date>.md (+ .tsv).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=$HERE/.cache
RUN=$CACHE/run                 # broker data and Streams state: removed at the end
LOGS=$CACHE/last-run           # logs and raw measurements of the latest run
RESULTS_DIR=${BENCH_RESULTS_DIR:-$ROOT/bench/results}   # run-all.sh points this elsewhere

N=${N:-20000}
IMAGES_PER_STUDY=${IMAGES_PER_STUDY:-3}
REPEATS=${REPEATS:-3}
PARTITIONS=${PARTITIONS:-6}
RUNNER_XMX=${RUNNER_XMX:-512m}
SEED=${SEED:-20261207}
CONFIG=$ROOT/config/application.properties

# log, die, free_ports
. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------
# Cleanup: the broker runs in its own process group (setsid); the runner JVM is tracked by pid.
# ---------------------------------------------------------------------------------------------
BROKER_PID=""
RUNNER_PID=""

stop_broker() {
    [[ -n $BROKER_PID ]] || return 0
    kill -TERM -- "-$BROKER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$BROKER_PID" 2>/dev/null || true
    BROKER_PID=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    if [[ -n $RUNNER_PID ]]; then
        kill -TERM -- "-$RUNNER_PID" 2>/dev/null
        sleep 1
        kill -KILL -- "-$RUNNER_PID" 2>/dev/null
    fi
    [[ -n $BROKER_PID ]] && log "stopping the broker (pid $BROKER_PID)"
    stop_broker
    rm -rf "$RUN"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Tools, node, bench program (cached)
# ---------------------------------------------------------------------------------------------
need_apt=()
command -v javac >/dev/null || need_apt+=(openjdk-17-jdk-headless)
command -v python3 >/dev/null || need_apt+=(python3)
command -v setsid >/dev/null || need_apt+=(util-linux)
if ((${#need_apt[@]})); then
    if [[ $(id -u) == 0 ]]; then
        log "installing: ${need_apt[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        die "missing tools; install as root: apt-get install ${need_apt[*]}"
    fi
fi

if [[ ! -f $ROOT/target/quarkus-app/quarkus-run.jar || ! -d $ROOT/target/kafka-broker ]]; then
    log "building the node (./mvnw package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
BROKER_LIB=$ROOT/target/kafka-broker
# The node's classes and its runtime jars, as packaged: the topology measured is the shipped one.
APP_CP="$ROOT/target/quarkus-app/app/*:$ROOT/target/quarkus-app/lib/main/*:$ROOT/target/quarkus-app/lib/boot/*"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$CACHE"
rm -rf "$RUN" "$LOGS"
mkdir -p "$RUN" "$LOGS"

CLASSES=$CACHE/classes
stamp="$(cat "$HERE"/*.java "$ROOT"/target/quarkus-app/app/*.jar | sha1sum | cut -c1-12)"
if [[ ! -f $CLASSES/.stamp || $(cat "$CLASSES/.stamp") != "$stamp" ]]; then
    log "compiling CorrelationBench against target/quarkus-app"
    rm -rf "$CLASSES"
    mkdir -p "$CLASSES"
    javac -d "$CLASSES" -cp "$APP_CP" "$HERE/CorrelationBench.java"
    echo "$stamp" >"$CLASSES/.stamp"
fi
read -r -a RUNNER_OPTS_ARR <<<"${RUNNER_OPTS:-}"
RUNNER=(java "-Xmx$RUNNER_XMX" ${RUNNER_OPTS_ARR[@]+"${RUNNER_OPTS_ARR[@]}"} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CLASSES:$APP_CP"
    CorrelationBench)

CLK_TCK=$(getconf CLK_TCK)
# CPU time (clock ticks) of one process.
ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Busy/idle jiffies of all CPUs ("user nice system idle iowait irq softirq steal").
cpu_snapshot() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat; }
cpu_busy() { awk -v a="$1" -v b="$2" 'BEGIN {split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; all = busy + y[2] - x[2]; printf "%.0f", (all > 0 ? 100 * busy / all : 0)}'; }

CMDS=$LOGS/commands.txt
: >"$CMDS"

# ---------------------------------------------------------------------------------------------
# The broker: as the node's KafkaBrokerProcess starts it (same jars, JVM options, KRaft configuration)
# ---------------------------------------------------------------------------------------------
BROKER_JAVA=(java -Xms64m -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=info
    -Dorg.slf4j.simpleLogger.showDateTime=true -cp "$BROKER_LIB/*")
dir=$RUN/broker
mkdir -p "$dir"
read -r P_KAFKA P_KCTL < <(free_ports 2)
BOOTSTRAP=localhost:$P_KAFKA
cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$P_KCTL
listeners=PLAINTEXT://localhost:$P_KAFKA,CONTROLLER://localhost:$P_KCTL
advertised.listeners=PLAINTEXT://localhost:$P_KAFKA
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
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
log.retention.hours=168
EOF
{
    echo "# the broker (server.properties as the node's KafkaBrokerProcess writes it, fresh log.dirs)"
    echo "${BROKER_JAVA[*]} kafka.tools.StorageTool format -t <random uuid> -c $dir/server.properties"
    echo "${BROKER_JAVA[*]} kafka.Kafka $dir/server.properties"
} >>"$CMDS"
log "starting the Kafka broker on $BOOTSTRAP"
"${BROKER_JAVA[@]}" kafka.tools.StorageTool format \
    -t "$(python3 -c '
import base64, uuid
while True:   # as Kafka'"'"'s Uuid.randomUuid(): an id starting with "-" would read as an option
    u = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    if not u.startswith("-"):
        break
print(u)')" \
    -c "$dir/server.properties" >"$LOGS/format.log" 2>&1 || die "formatting the broker storage failed; see $LOGS/format.log"
setsid "${BROKER_JAVA[@]}" kafka.Kafka "$dir/server.properties" >"$LOGS/broker.log" 2>&1 &
BROKER_PID=$!
for i in $(seq 1 240); do
    kill -0 "$BROKER_PID" 2>/dev/null || { tail -30 "$LOGS/broker.log" >&2; die "the broker exited"; }
    (exec 3<>"/dev/tcp/127.0.0.1/$P_KAFKA") 2>/dev/null && break
    ((i < 240)) || { tail -30 "$LOGS/broker.log" >&2; die "the broker does not listen on $P_KAFKA"; }
    sleep 0.5
done

# ---------------------------------------------------------------------------------------------
# Input: N findings events, built with the node's FindingsEventBuilder, written once
# ---------------------------------------------------------------------------------------------
log "loading $N findings events ($IMAGES_PER_STUDY images + 1 report per study) onto pacs.findings.cv / .nlp"
BENCH_SAMPLE_DIR=$LOGS setsid "${RUNNER[@]}" load "$BOOTSTRAP" "$N" "$IMAGES_PER_STUDY" "$PARTITIONS" "$SEED" \
    >"$LOGS/load.out" 2>"$LOGS/load.err" &
RUNNER_PID=$!
wait "$RUNNER_PID" || { tail -20 "$LOGS/load.err" >&2; RUNNER_PID=""; die "loading the input failed"; }
RUNNER_PID=""
LOADED=$(grep '^events=' "$LOGS/load.out")
log "loaded: $LOADED"
{
    echo "# compile (once) and load the input"
    echo "javac -d $CLASSES -cp '$APP_CP' $HERE/CorrelationBench.java"
    echo "${RUNNER[*]} load $BOOTSTRAP $N $IMAGES_PER_STUDY $PARTITIONS $SEED"
    echo "# one measured run (mode: correlation or passthrough; a fresh run id, so a fresh application id and output topic)"
    echo "${RUNNER[*]} run $BOOTSTRAP <mode> <run id> $N $PARTITIONS $CONFIG $RUN/state"
} >>"$CMDS"

# ---------------------------------------------------------------------------------------------
# Runs: correlation and pass-through alternate, each in a fresh JVM with a fresh application id
# ---------------------------------------------------------------------------------------------
RAW=$LOGS/runs.tsv
printf 'mode\trep\trecords\tseconds\trate\tfirst_output_s\tsteady_seconds\tsteady_rate\tprocess_cpu_s\tbroker_cpu_s\tcpu_busy_pct\tload1\talerts\tdeadletters\tguarantee\n' >"$RAW"

one_run() {
    local mode=$1 rep=$2 id b0 b1 c0 c1 out
    id="$mode-$rep-$RANDOM"
    c0=$(cpu_snapshot) b0=$(ticks "$BROKER_PID")
    setsid "${RUNNER[@]}" run "$BOOTSTRAP" "$mode" "$id" "$N" "$PARTITIONS" "$CONFIG" "$RUN/state" \
        >"$LOGS/run.out" 2>>"$LOGS/run-$mode.err" &
    RUNNER_PID=$!
    wait "$RUNNER_PID" || { cat "$LOGS/run.out" >&2; tail -20 "$LOGS/run-$mode.err" >&2; RUNNER_PID=""; die "$mode, run $rep failed"; }
    RUNNER_PID=""
    c1=$(cpu_snapshot) b1=$(ticks "$BROKER_PID")
    out=$(cat "$LOGS/run.out")
    echo "$mode $rep $out" >>"$LOGS/runs.log"
    kv() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$out"; }
    [[ $(kv complete) == true ]] || die "$mode, run $rep: incomplete: $out"
    ((rep > 0)) || { log "$mode, warm-up run: $(kv rate) records/s (not measured)"; return 0; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$rep" "$(kv records)" "$(kv seconds)" \
        "$(kv rate)" "$(kv first_output_s)" "$(kv steady_seconds)" "$(kv steady_rate)" "$(kv process_cpu_s)" \
        "$(awk -v a="$b0" -v b="$b1" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", (b - a) / hz}')" \
        "$(cpu_busy "$c0" "$c1")" "$(cut -d' ' -f1 /proc/loadavg)" "$(kv alerts)" "$(kv deadletters)" "$(kv guarantee)" >>"$RAW"
    log "$mode, run $rep: $(kv records) records in $(kv seconds) s = $(kv rate)/s (first output after $(kv first_output_s) s; process CPU $(kv process_cpu_s) s)"
}

# One unmeasured run of each first (page cache, the broker's own warm-up); then alternate, the
# order swapped every repeat so that a change in the machine's load hits both alike.
one_run correlation 0
one_run passthrough 0
for ((rep = 1; rep <= REPEATS; rep++)); do
    if ((rep % 2)); then
        one_run correlation "$rep"
        one_run passthrough "$rep"
    else
        one_run passthrough "$rep"
        one_run correlation "$rep"
    fi
done

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
mkdir -p "$RESULTS_DIR"
day=$(date +%F)
OUT=$RESULTS_DIR/correlation-$day.md
n=2
while [[ -e $OUT ]]; do OUT=$RESULTS_DIR/correlation-$day-$n.md; n=$((n + 1)); done

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
    echo "disk=$(df -P "$CACHE" | awk 'NR==2 {print $1}') ($(findmnt -n -o FSTYPE -T "$CACHE" 2>/dev/null || echo '?'))"
    echo "kafka_streams=$(ls "$ROOT"/target/quarkus-app/lib/main/ | sed -n 's/^org\.apache\.kafka\.kafka-streams-\(.*\)\.jar$/\1/p')"
    echo "n=$N"
    echo "images_per_study=$IMAGES_PER_STUDY"
    echo "partitions=$PARTITIONS"
    echo "repeats=$REPEATS"
    echo "runner_xmx=$RUNNER_XMX"
    echo "loaded=$LOADED"
} >"$META"

python3 "$HERE/report.py" "$RAW" "$META" "$CMDS" "$LOGS/sample-image.json" "$LOGS/sample-report.json" "${OUT%.md}.tsv" >"$OUT"
cat "$OUT"
log "results written to $OUT (logs of this run: $LOGS)"
