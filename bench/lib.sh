# Shared by the benchmarks' run.sh scripts (sourced, not run): find the server jar and a JDK.
# LESSONLOOP_JAR overrides the jar; LESSONLOOP_JAVA or JAVA_HOME the JDK (Temurin 25 if present).

# Stops with how to build it when the server jar is missing.
require_server_jar() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local jar="${LESSONLOOP_JAR:-$root/server/target/lessonloop.jar}"
  if [[ ! -f "$jar" ]]; then
    echo "bench: no server jar at $jar" >&2
    echo "bench: build it first: JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q package -DskipTests" >&2
    exit 2
  fi
  if [[ -z "${LESSONLOOP_JAVA:-}" && -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  fi
}

# Installs the bench's npm packages when any of the named ones is missing (run in the bench's folder).
require_node_modules() {
  local package
  for package in "$@"; do
    if [[ ! -d "node_modules/$package" ]]; then
      npm ci --no-audit --no-fund
      return
    fi
  done
}
