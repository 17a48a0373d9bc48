# Shared by the benchmarks' run.sh scripts (sourced, not run): find the server jar and a JDK.
# LESSONLOOP_JAR overrides the jar; LESSONLOOP_JAVA the JDK's java, else the newest JDK 21+ found.

# Stops with how to build it when the server jar is missing.
require_server_jar() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local jar="${LESSONLOOP_JAR:-$root/server/target/lessonloop.jar}"
  if [[ ! -f "$jar" ]]; then
    echo "bench: no server jar at $jar" >&2
    echo "bench: build it first, e.g. with ./lessonloop (it builds the jar, then starts a server)" >&2
    exit 2
  fi
  if [[ -z "${LESSONLOOP_JAVA:-}" ]]; then
    # The same JDK search as ./lessonloop and CI (JAVA_HOME, javac on PATH, newest under /usr/lib/jvm).
    # shellcheck source=../.ci/lib.sh
    source "$root/.ci/lib.sh"
    ensure_jdk_installed || { echo "bench: no JDK 21+ found; set JAVA_HOME" >&2; exit 2; }
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
