#!/usr/bin/env bash
# Review API benchmark: timeline reads and comment writes against the server jar.
# Needs: Node 20+, wrk (apt-get install wrk / brew install wrk), a JDK 21+, the server jar (JAVA_HOME=<jdk> mvn -B -q package -DskipTests).
# Knobs (environment): LESSONLOOP_BENCH_SECONDS (15), LESSONLOOP_BENCH_WARMUP_SECONDS (30),
# LESSONLOOP_BENCH_CONCURRENCY (32), LESSONLOOP_BENCH_COMMENTS (60), LESSONLOOP_BENCH_CLIPS (6),
# LESSONLOOP_BENCH_DB_URL/_USER/_PASSWORD (a PostgreSQL of your own instead of the embedded one),
# LESSONLOOP_BENCH_JVM_ARGS (extra server JVM options, space-separated, e.g. a JFR recording),
# LESSONLOOP_BENCH_WRK_THREADS (2).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
require_server_jar
exec node "$here/bench.mjs" "$@"
