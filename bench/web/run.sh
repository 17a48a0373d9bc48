#!/usr/bin/env bash
# Web benchmark: the first screen's JavaScript, and the review page of a lesson with 1,000 comments
# in headless Chromium (time to interactive, long tasks while playing and scrubbing, play to first frame).
# Needs: Node 20+, Debian's Chromium (/usr/bin/chromium or LESSONLOOP_CHROMIUM), a JDK 21+, the server jar
# with the web app in it (JAVA_HOME=<jdk> mvn -B -q package -DskipTests builds both), web/node_modules (npm ci in web/).
# Knobs (environment): LESSONLOOP_BENCH_COMMENTS (1000), LESSONLOOP_BENCH_VIDEO_SECONDS (180),
# LESSONLOOP_BENCH_ROUNDS (3), LESSONLOOP_BENCH_PLAY_SECONDS (10).
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
exec node "$here/bench.mjs" "$@"
