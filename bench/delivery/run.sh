#!/usr/bin/env bash
# Media delivery benchmark: many viewers fetching HLS segments through the server, access checked per request.
# Needs: Node 20+, wrk (apt-get install wrk / brew install wrk), a JDK 21+, the server jar
# (JAVA_HOME=<jdk> mvn -B -q package -DskipTests) and the web app's npm packages (cd web && npm ci: tus-js-client).
# Knobs (environment): LESSONLOOP_BENCH_VIEWERS (64), LESSONLOOP_BENCH_SECONDS (20), LESSONLOOP_BENCH_WARMUP_SECONDS (15),
# LESSONLOOP_BENCH_ROUNDS (3), LESSONLOOP_BENCH_VIDEO_SECONDS (30), LESSONLOOP_BENCH_WRK_THREADS (2),
# LESSONLOOP_BENCH_KEEP (1 keeps the temp dir with the server log), LESSONLOOP_JAR (the server jar to measure: point it
# at an older build to compare).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
require_server_jar
exec node "$here/bench.mjs" "$@"
