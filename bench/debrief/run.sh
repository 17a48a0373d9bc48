#!/usr/bin/env bash
# Debrief fan-out benchmark: 500 WebSocket clients in 250 rooms on one node, then with every room split across two
# clustered nodes; p50/p99/p99.9 from when each command was due, loss/duplicates/reordering by seq, CPU and memory per
# connection. The load client is Java (server/src/test/java/org/lessonloop/debriefs/load/), run from the test classes.
# Needs: a JDK 21+, Maven, a PostgreSQL at 127.0.0.1:5432 (user postgres, trust; LESSONLOOP_TEST_DB_URL for another) or
# none (an embedded one starts).
# Knobs (environment): LESSONLOOP_BENCH_ROOMS (250), LESSONLOOP_BENCH_SECONDS (30), LESSONLOOP_BENCH_WARMUP_SECONDS (10),
# LESSONLOOP_BENCH_COMMAND_MS (1000), LESSONLOOP_BENCH_HEAP (512m per node), LESSONLOOP_BENCH_OFFLINE (1: mvn -o).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../.ci/lib.sh
source "$root/.ci/lib.sh"
ensure_jdk_installed || { echo "bench: no JDK 21+ found; set JAVA_HOME" >&2; exit 2; }
offline=()
[[ "${LESSONLOOP_BENCH_OFFLINE:-}" == 1 ]] && offline=(-o)
classpath="$(mktemp)"
trap 'rm -f "$classpath"' EXIT
(cd "$root" && mvn -B -q "${offline[@]}" -Dweb.skip -DskipTests test-compile \
  && mvn -B -q "${offline[@]}" -Dweb.skip dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath")
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -Xmx512m -cp "$root/server/target/test-classes:$root/server/target/classes:$(cat "$classpath")" \
  org.lessonloop.debriefs.load.DebriefBench "$@"
