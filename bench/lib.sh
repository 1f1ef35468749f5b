# Shell functions for the benchmark scripts; source it: . "$ROOT/bench/lib.sh" (ROOT = repository root).
# (bench/dicom-ingest/run.sh still carries its own log and die.)

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# need_tools "command:debian-package" ...: installs the missing packages with apt-get when run as
# root, otherwise names them and stops.
need_tools() {
    local pair missing=()
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
    done
    ((${#missing[@]})) || return 0
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        log "installing: ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        die "missing tools; install them (Debian/Ubuntu, as root): apt-get install ${missing[*]}"
    fi
}

# Builds the packaged node if it is missing.
build_node_if_missing() {
    if [[ ! -f $ROOT/target/quarkus-app/quarkus-run.jar || ! -d $ROOT/target/kafka-broker ]]; then
        log "building the node (./mvnw package -DskipTests)"
        (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
    fi
}

# free_ports N: N free TCP ports, space-separated, from below the kernel's ephemeral range: a port
# from that range (what binding port 0 gives) can become the local port of any outgoing connection
# before the node listens on it.
free_ports() {
    python3 - "$1" <<'EOF'
import random, socket, sys
try:
    ephemeral = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except (OSError, ValueError):
    ephemeral = 32768
if ephemeral < 21000:
    ephemeral = 32768
ports = []
while len(ports) < int(sys.argv[1]):
    port = random.randrange(20000, ephemeral)
    if port in ports:
        continue
    with socket.socket() as s:
        try:
            s.bind(("", port))
        except OSError:
            continue
    ports.append(port)
print(" ".join(map(str, ports)))
EOF
}

# wait_ready PID URL LOGFILE: until URL answers 200 (at most 120 s); stops if PID exits.
wait_ready() {
    local pid=$1 url=$2 logfile=$3 i
    for i in $(seq 1 240); do
        kill -0 "$pid" 2>/dev/null || { tail -30 "$logfile" >&2; die "the node exited; see $logfile"; }
        [[ $(curl -s -o /dev/null -w '%{http_code}' "$url") == 200 ]] && return 0
        sleep 0.5
    done
    tail -30 "$logfile" >&2
    die "the node did not become ready; see $logfile"
}

# stop_group PID: a process started with setsid, and its process group. TERM to the leader alone
# first (the node's shutdown stops its Kafka broker in order), then the group, then KILL.
stop_group() {
    local pid=$1
    [[ -n $pid ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
    kill -TERM -- "-$pid" 2>/dev/null || true
    sleep 0.5
    kill -KILL -- "-$pid" 2>/dev/null || true
}
