#!/usr/bin/env bash
# Media pipeline benchmark: time to playable and to ready through the Lessonloop server vs bare
# ffmpeg runs of the same arguments, in one run (DESIGN §7).
# Needs: Node 20+, a JDK 21+ (Temurin 25 on the team's machines), the server jar
# (JAVA_HOME=<jdk> mvn -B -q package -DskipTests from the repository root). ffmpeg is the one the
# server bundles (JavaCPP unpacks it into ~/.javacpp/cache on first use); no system ffmpeg needed.
# Knobs (environment): LESSONLOOP_BENCH_MEDIA_BYTES (default 1073741824, the fast-path source),
# LESSONLOOP_BENCH_MEDIA_LADDER_SECONDS (90), LESSONLOOP_BENCH_MEDIA_LADDER (360,480,720),
# LESSONLOOP_BENCH_MEDIA_BITRATE (20M), LESSONLOOP_BENCH_MEDIA_CLIP_SECONDS (60),
# LESSONLOOP_BENCH_MEDIA_SOURCES (keep generated sources there), LESSONLOOP_BENCH_POLL_MS (100),
# LESSONLOOP_BENCH_XMX (256m), LESSONLOOP_BENCH_RESULTS (bench/media/results.json),
# LESSONLOOP_BENCH_WORK_DIR, LESSONLOOP_BENCH_KEEP=1, LESSONLOOP_JAR, LESSONLOOP_JAVA.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
require_server_jar

cd "$here"
require_node_modules tus-js-client
exec node bench.mjs "$@"
