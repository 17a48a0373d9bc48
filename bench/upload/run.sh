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
root="$(cd "$here/../.." && pwd)"
jar="${LESSONLOOP_JAR:-$root/server/target/lessonloop.jar}"

if [[ ! -f "$jar" ]]; then
  echo "bench: no server jar at $jar" >&2
  echo "bench: build it first: JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q package -DskipTests" >&2
  exit 2
fi
if [[ -z "${LESSONLOOP_JAVA:-}" && -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

cd "$here"
if [[ ! -d node_modules/tus-js-client || ! -d node_modules/minio ]]; then
  npm ci --no-audit --no-fund
fi
exec node bench.mjs "$@"
