#!/usr/bin/env bash
# Takeout benchmark: a 2 GiB teacher account downloaded as one ZIP from a server with -Xmx256m.
# Needs: Node 20+, a JDK 21+, unzip, the server jar (JAVA_HOME=<jdk> mvn -B -q package -DskipTests).
# Knobs: LESSONLOOP_BENCH_BYTES (2147483648), LESSONLOOP_BENCH_RECORDINGS (4), LESSONLOOP_BENCH_XMX (256m),
# LESSONLOOP_BENCH_KEEP=1 keeps the work dir (server log, GC log, the archive).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
require_server_jar
cd "$here"
exec node bench.mjs "$@"
