#!/usr/bin/env bash
# Web benchmark: the first screen's JavaScript, and the review page of a lesson with 1,000 comments
# in headless Chromium (time to interactive, long tasks while playing and scrubbing, play to first frame).
# Needs: Node 20+, Debian's Chromium (/usr/bin/chromium or LESSONLOOP_CHROMIUM), a JDK 21+, the server jar
# with the web app in it (JAVA_HOME=<jdk> mvn -B -q package -DskipTests builds both), web/node_modules (npm ci in web/).
# Knobs (environment): LESSONLOOP_BENCH_COMMENTS (1000), LESSONLOOP_BENCH_VIDEO_SECONDS (180),
# LESSONLOOP_BENCH_ROUNDS (3), LESSONLOOP_BENCH_PLAY_SECONDS (10), LESSONLOOP_BENCH_TRACE_FILE (unset: where to
# keep the play-and-scrub trace for DevTools),
# LESSONLOOP_BENCH_SPLIT_CORES (0: server and Chromium share every core; 1 on a machine with 2+ cores:
# the server on the first core, Chromium on the others).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
require_server_jar
if [[ ! -d "$here/../../web/node_modules/playwright-core" ]]; then
  (cd "$here/../../web" && npm ci --no-audit --no-fund)
fi
if [[ ! -f "$here/../../web/dist/index.html" ]]; then
  (cd "$here/../../web" && npm run build)
fi
# By default the server and Chromium share every core, as the page's work is now small enough that
# Chromium's own threads (the video decoder, the compositor) only need a core when the idle server
# leaves one. LESSONLOOP_BENCH_SPLIT_CORES=1 gives each side its own cores instead, through wrappers
# that the test support starts instead of java and chromium (children inherit the affinity): on a
# machine of two cores that leaves Chromium one, fewer than any laptop has, where its decoder and
# compositor preempt the page's main thread (a few tasks of 60–90 ms by wall time, 20 ms of CPU).
cores=$(nproc)
if [[ "${LESSONLOOP_BENCH_SPLIT_CORES:-0}" == 1 && $cores -ge 2 ]] && command -v taskset >/dev/null; then
  wrappers="$(mktemp -d)"
  trap 'rm -rf "$wrappers"' EXIT
  java_binary="${LESSONLOOP_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
  printf '#!/bin/sh\nexec taskset -c 0 %s "$@"\n' "${java_binary:-java}" > "$wrappers/java"
  printf '#!/bin/sh\nexec taskset -c 1-%d %s "$@"\n' $((cores - 1)) "${LESSONLOOP_CHROMIUM:-/usr/bin/chromium}" > "$wrappers/chromium"
  chmod +x "$wrappers/java" "$wrappers/chromium"
  export LESSONLOOP_JAVA="$wrappers/java" LESSONLOOP_CHROMIUM="$wrappers/chromium"
  echo "web bench: server on core 0, Chromium on cores 1-$((cores - 1))"
  node "$here/bench.mjs" "$@"
else
  exec node "$here/bench.mjs" "$@"
fi
