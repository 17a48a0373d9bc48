#!/usr/bin/env bash
# Upload benchmark: tus through the Lessonloop server vs a direct S3 put, in one run.
# Needs: Node 20+, a JDK 21+ (Temurin 25 on the team's machines), the server jar
# (JAVA_HOME=<jdk> mvn -B -q package -DskipTests from the repository root).
# Knobs (environment): LESSONLOOP_BENCH_BYTES (default 2147483648), LESSONLOOP_BENCH_ROUNDS (1),
# LESSONLOOP_BENCH_XMX (256m), LESSONLOOP_BENCH_WARMUP_BYTES (268435456),
# LESSONLOOP_BENCH_S3_ENDPOINT/_ACCESS_KEY/_SECRET_KEY/_BUCKET
# (an S3 of your own instead of the embedded one), LESSONLOOP_BENCH_KEEP=1, LESSONLOOP_JAVA.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
require_server_jar

cd "$here"
require_node_modules tus-js-client minio
exec node bench.mjs "$@"
