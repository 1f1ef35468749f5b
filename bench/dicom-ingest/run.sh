#!/usr/bin/env bash
# DICOM ingest benchmark: the node's Storage SCP (routes/dicom-ingest.yaml) against dcmtk storescp,
# both fed by dcmtk storescu with the same files, and against the floor of its durability scheme
# (durability_floor.c: write, fsync, rename, directory fsync, nothing else); then the node with
# pacs.spool.sync=none against storescp; plus a heap check of the node under 15 MB objects.
#
#   bench/dicom-ingest/run.sh            (from anywhere; builds the node if target/quarkus-app is missing)
#
# Tunables (environment): REPEATS (5), SMALL_COUNT (200), LARGE_COUNT (20), HEAP_COUNT (40),
# NODE_XMX (256m), STORESCP_OPTS ("+B"). Results: bench/results/dicom-ingest-<date>.md (+ .tsv).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=$HERE/.cache
RUN=$CACHE/run                 # received data, spool, Kafka data: removed at the end
LOGS=$CACHE/last-run           # logs of the latest run, kept for a look afterwards
RESULTS_DIR=${BENCH_RESULTS_DIR:-$ROOT/bench/results}   # run-all.sh points this elsewhere

REPEATS=${REPEATS:-5}
SMALL_COUNT=${SMALL_COUNT:-200}
LARGE_COUNT=${LARGE_COUNT:-20}
HEAP_COUNT=${HEAP_COUNT:-40}
NODE_XMX=${NODE_XMX:-256m}
# storescp stores each object as received (bit-preserving), which is what the node's spool does
# too; without +B storescp decodes the data set into memory and re-encodes it, several times slower
# for large objects.
STORESCP_OPTS=${STORESCP_OPTS:-+B}

SMALL_DIM=256                  # 256 x 256 x 16 bit: ~132 KB per file
LARGE_DIM=2740                 # 2740 x 2740 x 16 bit: ~15.0 MB per file
NODE_AET=PACSBRIDGE
SCU_AET=BENCHSCU

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Cleanup: everything started here is tracked by pid (or process group for the receivers, which
# are started with setsid so that their children - storescp --fork workers, the node's Kafka
# broker - go with them).
# ---------------------------------------------------------------------------------------------
NODE_PID=""
GROUPS_TO_KILL=()
PIDS_TO_KILL=()

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    for p in "${PIDS_TO_KILL[@]}"; do kill "$p" 2>/dev/null; done
    if [[ -n $NODE_PID ]] && kill -0 "$NODE_PID" 2>/dev/null; then
        log "stopping the node (pid $NODE_PID)"
        # TERM the node alone first: its shutdown stops its Kafka broker in order.
        kill "$NODE_PID" 2>/dev/null
        for _ in $(seq 1 40); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 1; done
    fi
    for g in "${GROUPS_TO_KILL[@]}"; do kill -TERM -- "-$g" 2>/dev/null; done
    sleep 1
    for g in "${GROUPS_TO_KILL[@]}"; do kill -KILL -- "-$g" 2>/dev/null; done
    rm -rf "$RUN"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# Start "$@" in its own session and process group; sets STARTED_PID (= its process group id).
start_group() {
    local out=$1; shift
    setsid "$@" >"$out" 2>&1 &
    STARTED_PID=$!
    GROUPS_TO_KILL+=("$STARTED_PID")
    sleep 0.2
    local pgid
    pgid=$(ps -o pgid= -p "$STARTED_PID" | tr -d ' ')
    [[ -z $pgid || $pgid == "$STARTED_PID" ]] || die "setsid did not give $1 its own process group"
}

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
need_apt=()
for t in storescu storescp dcmftest; do command -v "$t" >/dev/null || need_apt+=(dcmtk); done
command -v gcc >/dev/null || need_apt+=(gcc libc6-dev)
command -v jstat >/dev/null && command -v jcmd >/dev/null || need_apt+=(openjdk-17-jdk-headless)
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
# Node build, test objects, shim (cached)
# ---------------------------------------------------------------------------------------------
if [[ ! -f $ROOT/target/quarkus-app/quarkus-run.jar || ! -d $ROOT/target/kafka-broker ]]; then
    log "building the node (./mvnw package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi

LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
mkdir -p "$CACHE"
rm -rf "$RUN" "$LOGS"
mkdir -p "$RUN" "$LOGS"

# One set per size; regenerated when the parameters or the generator change.
make_set() {
    local name=$1 count=$2 dim=$3 dir=$CACHE/$1
    local stamp="$count $dim $(sha1sum "$HERE/gen_cr.py" | cut -c1-12)"
    if [[ -f $dir/.stamp && $(cat "$dir/.stamp") == "$stamp" ]]; then return; fi
    log "generating $count CR objects of ${dim}x${dim} into $dir"
    rm -rf "$dir"
    python3 "$HERE/gen_cr.py" "$dir" "$count" "$dim" "$dim" "${name:0:1}"
    dcmftest "$dir"/*.dcm | grep -qv '^yes:' && die "generated files in $dir are not valid DICOM files"
    echo "$stamp" >"$dir/.stamp"
}
make_set small "$SMALL_COUNT" "$SMALL_DIM"
LARGE_SET=$((LARGE_COUNT > HEAP_COUNT ? LARGE_COUNT : HEAP_COUNT))
make_set large "$LARGE_SET" "$LARGE_DIM"

SHIM=$CACHE/nodelay.so
if [[ ! -f $SHIM || $HERE/nodelay.c -nt $SHIM ]]; then
    log "compiling the TCP_NODELAY shim"
    gcc -shared -fPIC -O2 -Wall -o "$SHIM" "$HERE/nodelay.c" -ldl
fi
FLOOR=$CACHE/durability_floor
if [[ ! -f $FLOOR || $HERE/durability_floor.c -nt $FLOOR ]]; then
    log "compiling the durability floor"
    gcc -O2 -Wall -pthread -o "$FLOOR" "$HERE/durability_floor.c"
fi

# Enough room for the received copies plus the node's spool reserve (pacs.spool.min-free-space).
avail_kb=$(df -Pk "$RUN" | awk 'NR==2 {print $4}')
((avail_kb > 4 * 1024 * 1024)) || die "need ~4 GB free on the disk of $RUN"

# Free ports, all taken from the kernel at once so that they differ from each other.
read -r P_DICOM P_HTTP P_KAFKA P_KCTL P_SCP P_SCPND P_MLLP P_CONSOLE \
    N_DICOM N_HTTP N_KAFKA N_KCTL N_MLLP N_CONSOLE < <(python3 - <<'EOF'
import socket
socks = []
for _ in range(14):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
)

# ---------------------------------------------------------------------------------------------
# Receivers
# ---------------------------------------------------------------------------------------------
SPOOL=$RUN/spool
SCP_DIR=$RUN/storescp
SCPND_DIR=$RUN/storescp-nodelay
FLOOR_DIR=$RUN/floor
mkdir -p "$SPOOL" "$SCP_DIR" "$SCPND_DIR" "$FLOOR_DIR"

# node_cmd NAME DICOM HTTP KAFKA KCTL MLLP CONSOLE [-Dkey=value...] -> NODE_CMD; spool $RUN/NAME-spool
# ("spool" for the first node), Kafka data $RUN/NAME-kafka, GC log $LOGS/NAME-gc.log.
node_cmd() {
    local name=$1 dicom=$2 http=$3 kafka=$4 kctl=$5 mllp=$6 console=$7
    shift 7
    local spool=$RUN/$name-spool gc=$LOGS/$name-gc.log
    [[ $name == node ]] && spool=$SPOOL gc=$LOGS/gc.log
    NODE_CMD=(java "-Xmx$NODE_XMX" "-Xlog:gc:file=$gc:uptime"
        -Dquarkus.profile=demo
        "-Dpacs.dicom.port=$dicom" "-Dpacs.spool.dir=$spool" "-Dquarkus.http.port=$http"
        "-Dpacs.kafka.embedded.port=$kafka" "-Dpacs.kafka.embedded.controller-port=$kctl"
        "-Dpacs.kafka.embedded.data-dir=$RUN/$name-kafka"
        # this benchmark measures the Storage SCP: the enrichment that follows each object is off
        # (bench/xraydar-pipeline measures it), and the MLLP listener gets a port of its own
        -Dpacs.xraydar.cv.enabled=false -Dpacs.xraydar.nlp.enabled=false
        "-Dpacs.mllp.port=$mllp" -Dpacs.xraydar.simulator.port=0 "-Dpacs.console.port=$console"
        "$@"
        -jar target/quarkus-app/quarkus-run.jar)
}
node_cmd node "$P_DICOM" "$P_HTTP" "$P_KAFKA" "$P_KCTL" "$P_MLLP" "$P_CONSOLE"
# --fork: one process per association (otherwise storescp serves associations one at a time);
# -dhl: no reverse DNS lookup per association; -pdu: its largest receive PDU (default 16 KB).
SCP_CMD=(storescp --fork -dhl -pdu 131072 $STORESCP_OPTS)

# start_node LOG HTTP_PORT: starts NODE_CMD from the repository root and waits until it is ready.
start_node() {
    local out=$1 http=$2
    log "starting the node: ${NODE_CMD[*]}"
    cd "$ROOT"   # the node's home: routes/ and config/ are read from the working directory
    start_group "$out" "${NODE_CMD[@]}"
    NODE_PID=$STARTED_PID
    cd - >/dev/null
    log "waiting for the node to be ready (http://127.0.0.1:$http/q/health/ready)"
    for i in $(seq 1 180); do
        kill -0 "$NODE_PID" 2>/dev/null || { tail -30 "$out" >&2; die "the node exited"; }
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/q/health/ready") == 200 ]] && break
        ((i < 180)) || { tail -30 "$out" >&2; die "the node did not become ready"; }
        sleep 1
    done
    log "node ready"
}

# Stops the node started last (TERM to the node alone, so that it stops its Kafka broker in order).
stop_node() {
    log "stopping the node (pid $NODE_PID)"
    kill "$NODE_PID" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$NODE_PID" 2>/dev/null || true
    NODE_PID=""
}

start_group "$LOGS/storescp.log" "${SCP_CMD[@]}" -od "$SCP_DIR" "$P_SCP"
start_group "$LOGS/storescp-nodelay.log" env LD_PRELOAD="$SHIM" "${SCP_CMD[@]}" -od "$SCPND_DIR" "$P_SCPND"
FIRST_NODE_CMD=("${NODE_CMD[@]}")
NODE_LOG=$LOGS/node.log
NODE_SPOOL=$SPOOL
start_node "$NODE_LOG" "$P_HTTP"

# ---------------------------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------------------------
# Objects the running node's route has logged as received from our sender; files in its spool.
node_received() { grep -c "from $SCU_AET\$" "$NODE_LOG" || true; }
spool_count() { find "$NODE_SPOOL" -type f | wc -l; }

# Wait until the node has run $1 objects (in total) through its route and emptied its spool.
wait_node_drained() {
    local want=$1
    for _ in $(seq 1 600); do
        if (($(node_received) >= want)) && (($(spool_count) == 0)); then return 0; fi
        sleep 0.2
    done
    die "node: $(node_received) of $want objects logged, $(spool_count) files left in the spool"
}

# send RECEIVER SENDER SET COUNT ASSOC -> sets ELAPSED (s) and BYTES; checks every object arrived.
# RECEIVER floor: no DICOM at all, durability_floor with ASSOC loops over the same files (SENDER unused).
send() {
    local receiver=$1 sender=$2 set=$3 count=$4 assoc=$5
    local port aec outdir=""
    case $receiver in
        node) port=$P_DICOM aec=$NODE_AET ;;
        node-sync-none) port=$N_DICOM aec=$NODE_AET ;;
        storescp) port=$P_SCP aec=STORESCP outdir=$SCP_DIR ;;
        storescp-nodelay) port=$P_SCPND aec=STORESCP outdir=$SCPND_DIR ;;
        floor) ;;
        *) die "unknown receiver $receiver" ;;
    esac
    local pre=()
    [[ $sender == storescu+nodelay ]] && pre=(env LD_PRELOAD="$SHIM")

    local files=("$CACHE/$set"/*.dcm)
    files=("${files[@]:0:count}")
    BYTES=$(stat -c %s "${files[@]}" | awk '{s += $1} END {print s}')

    if [[ $receiver == floor ]]; then
        sync
        # timed inside the program, after it has read the files into memory
        ELAPSED=$("$FLOOR" "$FLOOR_DIR" "$assoc" "${files[@]}") || die "durability_floor failed"
        return
    fi

    local before=0
    [[ $receiver == node* ]] && before=$(node_received)
    [[ -n $outdir ]] && find "$outdir" -mindepth 1 -delete
    # Flush dirty pages of earlier cells so that their write-back does not land in this one.
    sync

    local pids=() i lo hi t0 t1 rc=0
    t0=$(date +%s%N)
    for ((i = 0; i < assoc; i++)); do
        lo=$((i * count / assoc)) hi=$(((i + 1) * count / assoc))
        "${pre[@]}" storescu -aet "$SCU_AET" -aec "$aec" 127.0.0.1 "$port" "${files[@]:lo:hi-lo}" \
            >>"$LOGS/storescu.log" 2>&1 &
        pids+=($!)
    done
    PIDS_TO_KILL=("${pids[@]}")
    for p in "${pids[@]}"; do wait "$p" || rc=$?; done
    t1=$(date +%s%N)
    PIDS_TO_KILL=()
    ((rc == 0)) || die "storescu failed (rc $rc) sending $set to $receiver; see $LOGS/storescu.log"
    ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')

    if [[ $receiver == node* ]]; then
        wait_node_drained $((before + count))
    else
        local got
        got=$(find "$outdir" -type f | wc -l)
        ((got == count)) || die "$receiver stored $got of $count objects"
    fi
}

gc_lines() { wc -l <"$LOGS/gc.log"; }

RAW=$LOGS/raw.csv
echo "rep,receiver,sender,set,count,assoc,bytes,seconds,gc_from,gc_to,phase" >"$RAW"

# Warm-up (not recorded): JIT of the node, page cache of the source files, storescp's first fork.
log "warm-up"
for r in node storescp storescp-nodelay; do
    send "$r" storescu+nodelay small "$SMALL_COUNT" 4
    send "$r" storescu+nodelay large "$LARGE_COUNT" 4
done
send floor - small "$SMALL_COUNT" 4

RECEIVERS=(node storescp storescp-nodelay)
SENDERS=(storescu storescu+nodelay)
for ((rep = 1; rep <= REPEATS; rep++)); do
    for set in small large; do
        count=$SMALL_COUNT
        [[ $set == large ]] && count=$LARGE_COUNT
        for assoc in 1 4; do
            send floor - "$set" "$count" "$assoc"
            echo "$rep,floor,-,$set,$count,$assoc,$BYTES,$ELAPSED,0,0,main" >>"$RAW"
            log "rep $rep $set x$count loops=$assoc durability floor: ${ELAPSED}s"
            for sender in "${SENDERS[@]}"; do
                for r in "${RECEIVERS[@]}"; do
                    g0=$(gc_lines)
                    send "$r" "$sender" "$set" "$count" "$assoc"
                    g1=$(gc_lines)
                    echo "$rep,$r,$sender,$set,$count,$assoc,$BYTES,$ELAPSED,$g0,$g1,main" >>"$RAW"
                    log "rep $rep $set x$count assoc=$assoc $sender -> $r: ${ELAPSED}s"
                done
            done
        done
    done
done

# ---------------------------------------------------------------------------------------------
# Heap: HEAP_COUNT large objects over 4 associations, heap sampled every 200 ms.
# ---------------------------------------------------------------------------------------------
log "heap check: $HEAP_COUNT large objects, node -Xmx$NODE_XMX"
jcmd "$NODE_PID" GC.run >/dev/null            # a full GC first: the live set before the transfer
sleep 0.5
HEAP_GC_FROM=$(gc_lines)
jstat -gc -t "$NODE_PID" 200 >"$LOGS/jstat.txt" 2>&1 &
JSTAT_PID=$!
# Resident set size too: buffers outside the Java heap (direct/native) would show up only there.
(while kill -0 "$NODE_PID" 2>/dev/null; do
    awk '/^VmRSS/ {print $2}' "/proc/$NODE_PID/status"
    sleep 0.2
done) >"$LOGS/rss.txt" 2>/dev/null &
RSS_PID=$!
PIDS_TO_KILL=("$JSTAT_PID" "$RSS_PID")
sleep 0.6
heap_before=$(node_received)
send node storescu+nodelay large "$HEAP_COUNT" 4
HEAP_SECONDS=$ELAPSED HEAP_BYTES=$BYTES
sleep 0.6
kill "$JSTAT_PID" "$RSS_PID" 2>/dev/null || true
wait "$JSTAT_PID" "$RSS_PID" 2>/dev/null || true
PIDS_TO_KILL=()
HEAP_GC_TO=$(gc_lines)
jcmd "$NODE_PID" GC.run >/dev/null            # and after it
sleep 0.5
HEAP_STORED=$(($(node_received) - heap_before))
HEAP_SPOOL_LEFT=$(spool_count)
log "heap check: $HEAP_STORED objects logged by the route, spool has $HEAP_SPOOL_LEFT files"

# ---------------------------------------------------------------------------------------------
# The node with pacs.spool.sync=none (no fsync at all, as storescp) against storescp with the shim,
# both fed by storescu with the shim, alternating within each repeat.
# ---------------------------------------------------------------------------------------------
stop_node
node_cmd node-sync-none "$N_DICOM" "$N_HTTP" "$N_KAFKA" "$N_KCTL" "$N_MLLP" "$N_CONSOLE" -Dpacs.spool.sync=none
NONE_NODE_CMD=("${NODE_CMD[@]}")
NODE_LOG=$LOGS/node-sync-none.log
NODE_SPOOL=$RUN/node-sync-none-spool
start_node "$NODE_LOG" "$N_HTTP"
grep -q "Spool sync NONE" "$NODE_LOG" || die "the node with pacs.spool.sync=none logged no warning about it"
log "warm-up (pacs.spool.sync=none)"
send node-sync-none storescu+nodelay small "$SMALL_COUNT" 4
send node-sync-none storescu+nodelay large "$LARGE_COUNT" 4
for ((rep = 1; rep <= REPEATS; rep++)); do
    for set in small large; do
        count=$SMALL_COUNT
        [[ $set == large ]] && count=$LARGE_COUNT
        for assoc in 1 4; do
            for r in node-sync-none storescp-nodelay; do
                send "$r" storescu+nodelay "$set" "$count" "$assoc"
                echo "$rep,$r,storescu+nodelay,$set,$count,$assoc,$BYTES,$ELAPSED,0,0,sync-none" >>"$RAW"
                log "rep $rep $set x$count assoc=$assoc storescu+nodelay -> $r: ${ELAPSED}s"
            done
        done
    done
done
stop_node

# ---------------------------------------------------------------------------------------------
# Disk: what write + fsync per file costs here, as a fact about the machine (durability_floor above
# is the floor under the node's figures; storescp does not fsync, so it mostly writes into the page
# cache).
# ---------------------------------------------------------------------------------------------
log "disk probe: write + fsync"
read -r FSYNC_SMALL FSYNC_LARGE < <(python3 - "$RUN/fsync-probe" "$CACHE/small" "$CACHE/large" <<'EOF'
import os, sys, time
out, small_dir, large_dir = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
def probe(src_dir, n):
    src = os.path.join(src_dir, sorted(f for f in os.listdir(src_dir) if f.endswith(".dcm"))[0])
    data = open(src, "rb").read()
    t0 = time.perf_counter()
    for i in range(n):
        fd = os.open(os.path.join(out, "%d.dcm" % i), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.write(fd, data)
        os.fsync(fd)
        os.close(fd)
    dt = time.perf_counter() - t0
    for i in range(n):
        os.unlink(os.path.join(out, "%d.dcm" % i))
    return n / dt, n * len(data) / 1e6 / dt
s_files, s_mb = probe(small_dir, 200)
l_files, l_mb = probe(large_dir, 10)
print("%.0f_files/s_(%.1f_MB/s) %.1f_files/s_(%.0f_MB/s)" % (s_files, s_mb, l_files, l_mb))
EOF
)

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
mkdir -p "$RESULTS_DIR"
day=$(date +%F)
OUT=$RESULTS_DIR/dicom-ingest-$day.md
n=2
while [[ -e $OUT ]]; do OUT=$RESULTS_DIR/dicom-ingest-$day-$n.md; n=$((n + 1)); done

META=$LOGS/meta.txt
{
    echo "date=$(date '+%Y-%m-%d %H:%M %Z')"
    echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' (with local changes)')"
    echo "cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "cores=$(nproc) online CPUs ($(grep -c '^processor' /proc/cpuinfo) in /proc/cpuinfo)"
    echo "ram=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    dev=$(df -P "$RUN" | awk 'NR==2 {print $1}')
    blk=$(basename "$dev")
    rot=$(cat "/sys/class/block/$blk/queue/rotational" 2>/dev/null || echo '?')
    echo "disk=$dev ($(findmnt -n -o FSTYPE -T "$RUN" 2>/dev/null), $(df -Ph "$RUN" | awk 'NR==2 {print $2}'), rotational=$rot as the kernel reports it); spool and storescp output both in $RUN"
    echo "fsync=one process writing and fsyncing one file at a time: small ${FSYNC_SMALL//_/ }, large ${FSYNC_LARGE//_/ }"
    echo "load=1-minute load average $LOAD_START at the start, $(cut -d' ' -f1 /proc/loadavg) at the end (other work on the machine skews the figures)"
    echo "kernel=$(uname -sr)"
    echo "jdk=$(java -version 2>&1 | head -2 | tr '\n' ' ')"
    echo "gc=$(grep -m1 -o 'Using [A-Za-z0-9 ]*' "$LOGS/gc.log" || echo '?')"
    echo "dcmtk=$(storescu --version 2>&1 | head -1 | tr -d '$')"
    echo "xmx=$NODE_XMX"
    echo "repeats=$REPEATS"
    echo "heap_count=$HEAP_COUNT"
    echo "heap_stored=$HEAP_STORED"
    echo "heap_spool_left=$HEAP_SPOOL_LEFT"
    echo "heap_seconds=$HEAP_SECONDS"
    echo "heap_bytes=$HEAP_BYTES"
    echo "heap_gc_from=$HEAP_GC_FROM"
    echo "heap_gc_to=$HEAP_GC_TO"
    small_files=("$CACHE"/small/*.dcm) large_files=("$CACHE"/large/*.dcm)
    echo "small_file=$(stat -c %s "${small_files[0]}")"
    echo "large_file=$(stat -c %s "${large_files[0]}")"
} >"$META"

CMDS=$LOGS/commands.txt
{
    echo "# node (from the repository root; ports are free ones picked per run)"
    echo "${FIRST_NODE_CMD[*]}"
    echo "# node with pacs.spool.sync=none (after the first one has stopped)"
    echo "${NONE_NODE_CMD[*]}"
    echo "# durability floor: LOOPS = associations, each over a contiguous share of the files"
    echo "gcc -O2 -Wall -pthread -o $FLOOR $HERE/durability_floor.c"
    echo "$FLOOR $FLOOR_DIR <1|4> <files...>"
    echo "# storescp, plain and with the TCP_NODELAY shim"
    echo "${SCP_CMD[*]} -od $SCP_DIR $P_SCP"
    echo "LD_PRELOAD=$SHIM ${SCP_CMD[*]} -od $SCPND_DIR $P_SCPND"
    echo "# sender: each of the 1 or 4 processes gets a contiguous share of the files"
    echo "storescu -aet $SCU_AET -aec <PACSBRIDGE|STORESCP> 127.0.0.1 <port> <files...>"
    echo "LD_PRELOAD=$SHIM storescu -aet $SCU_AET -aec <PACSBRIDGE|STORESCP> 127.0.0.1 <port> <files...>"
    echo "# shim"
    echo "gcc -shared -fPIC -O2 -Wall -o $SHIM $HERE/nodelay.c -ldl"
    echo "# heap sampling during the heap check"
    echo "jstat -gc -t <node pid> 200"
} >"$CMDS"

python3 "$HERE/report.py" "$RAW" "$META" "$CMDS" "$LOGS/gc.log" "$LOGS/jstat.txt" "$LOGS/rss.txt" "${OUT%.md}.tsv" >"$OUT"
cat "$OUT"
log "results written to $OUT (logs of this run: $LOGS)"
((HEAP_STORED == HEAP_COUNT)) || die "heap check: only $HEAP_STORED of $HEAP_COUNT objects were logged by the route"
