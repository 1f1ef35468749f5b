#!/bin/sh
# Builds the JVM image from the packaged application, run from the project root:
#
#   src/main/docker/build-image.sh registry.example.org/pacs-bridge:0.1.0 [build options...]
#
# BUILDER is the image builder (docker by default; podman or buildah work alike). Build options go
# to it unchanged, e.g. --build-arg BASE_IMAGE=... or, for buildah without a container runtime,
# --isolation chroot.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 <image:tag> [build options...]" >&2
    exit 2
fi
tag=$1
shift
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    echo "target/quarkus-app/quarkus-run.jar is missing in $(pwd): package the application first" \
        "(./mvnw -B package -DskipTests), then build the image from the project root" >&2
    exit 1
fi
exec "${BUILDER:-docker}" build -f src/main/docker/Dockerfile.jvm -t "$tag" "$@" .
