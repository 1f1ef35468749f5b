#!/bin/sh
# Starts the node in the image: the Quarkus fast jar with the image's JVM options (JAVA_OPTS) and
# any the deployment adds (JAVA_OPTS_APPEND). Any Java 17 runtime on the PATH will do.
set -eu
home=${PACS_HOME:-/deployments}
cd "$home"

# The spool (pacs.spool.dir, data/spool by default) and the broker data live under data/: a volume
# the runtime user cannot write would otherwise fail deep inside the start with an exception.
data=$home/data
if [ -n "${PACS_SPOOL_DIR:-}" ]; then
    case $PACS_SPOOL_DIR in
        /*) data=$PACS_SPOOL_DIR ;;
        *) data=$home/$PACS_SPOOL_DIR ;;
    esac
fi
# the nearest existing directory is the one the node has to create the rest in
while [ ! -e "$data" ] && [ "$data" != / ]; do
    data=$(dirname "$data")
done
if [ ! -d "$data" ] || [ ! -w "$data" ] || [ ! -x "$data" ]; then
    echo "PACS Bridge cannot start: $data is not a directory that user $(id -u) can write." \
        "The spool lives there: mount a volume writable by uid $(id -u) (Kubernetes: fsGroup 185)" \
        "or set PACS_SPOOL_DIR to a writable directory." >&2
    exit 1
fi

# JAVA_OPTS holds several options: word splitting is wanted here.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} ${JAVA_OPTS_APPEND:-} -jar /deployments/quarkus-run.jar "$@"
