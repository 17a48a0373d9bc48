# Machine set-up shared by ./lessonloop (run the server) and .ci/run (run the tests); sourced, not run.
#
# Each ensure_* finds what the build needs or notes the Debian/Ubuntu package that brings it;
# setup_finish then installs the noted packages with apt-get where we are root, and otherwise
# prints the one command that does and stops. Overrides, for trying the paths on a machine that
# already has everything: SETUP_AS_USER=1 behaves as if not root, SETUP_JVM_DIR replaces /usr/lib/jvm.

export DEBIAN_FRONTEND=noninteractive
SETUP_JVM_DIR=${SETUP_JVM_DIR:-/usr/lib/jvm}
setup_packages=()
setup_problems=()
setup_apt_updated=""
setup_jdk_found=""

log() { printf '\n== %s\n' "$*" >&2; }

setup_is_root() { [ "$(id -u)" = 0 ] && [ "${SETUP_AS_USER:-}" != 1 ]; }

# A fresh image has no package lists, so nothing would be found; refresh them once, and only when
# something is missing (a machine that has everything never waits for apt).
setup_apt_update() {
  if [ -z "$setup_apt_updated" ] && setup_is_root; then
    log "Refreshing the package lists"
    apt-get update -qq
    setup_apt_updated=1
  fi
}

# The major version apt would install for a package, or nothing when apt has none.
apt_candidate_major() {
  command -v apt-cache >/dev/null || return 0
  apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *\([0-9]*:\)\{0,1\}\([0-9]*\).*/\2/p'
}

need_package() { setup_packages+=("$@"); }
need_by_hand() { setup_problems+=("$*"); }

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

# A JDK (javac included) of at least Java 21: jOOQ 3.21 needs class version 65. JAVA_HOME first,
# then the javac on PATH, then the newest under /usr/lib/jvm (Temurin and Debian's OpenJDK live there).
find_jdk() {
  local dir javac_path major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && is_jdk_21 "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  if javac_path=$(command -v javac 2>/dev/null); then
    dir=$(dirname "$(dirname "$(readlink -f "$javac_path")")")
    if is_jdk_21 "$dir"; then echo "$dir"; return 0; fi
  fi
  for dir in "$SETUP_JVM_DIR"/*; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir")
    if [ "${major:-0}" -gt "$best_major" ] 2>/dev/null; then best=$dir; best_major=$major; fi
  done
  [ "$best_major" -ge 21 ] && echo "$best"
}

is_jdk_21() { [ -x "$1/bin/javac" ] && [ "$(java_major "$1")" -ge 21 ] 2>/dev/null; }

ensure_jdk_installed() {
  local found
  found=$(find_jdk) || return 1
  export JAVA_HOME=$found PATH="$found/bin:$PATH"
  setup_jdk_found=1
  log "Using the JDK at $JAVA_HOME"
}

ensure_jdk() {
  local pkg
  ensure_jdk_installed && return 0
  setup_apt_update
  for pkg in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
    if [ -n "$(apt_candidate_major "$pkg")" ]; then
      need_package "$pkg"
      return 0
    fi
  done
  # Debian 12 (bookworm) ships OpenJDK 17 only; Adoptium's repository has Temurin for it.
  need_by_hand "No JDK 21 or newer is installed and apt offers none. On Debian 12 or Ubuntu, as root:
    apt-get install -y wget gpg
    wget -qO- https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor -o /usr/share/keyrings/adoptium.gpg
    echo \"deb [signed-by=/usr/share/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb \$(. /etc/os-release; echo \$VERSION_CODENAME) main\" > /etc/apt/sources.list.d/adoptium.list
    apt-get update && apt-get install -y temurin-21-jdk
  or set JAVA_HOME to a JDK 21+ you have."
}

ensure_maven() {
  local version
  if command -v mvn >/dev/null; then
    version=$(mvn -v 2>/dev/null | sed -n 's/^Apache Maven \([0-9]*\.[0-9]*\).*/\1/p')
    # No version means mvn could not start without a JDK yet: ensure_jdk reports that.
    if [ -z "$version" ] || [ "$(printf '%s\n' 3.8 "$version" | sort -V | head -n1)" = 3.8 ]; then return 0; fi
    need_by_hand "Maven $version is too old: install Maven 3.8 or newer."
    return 0
  fi
  setup_apt_update
  need_package maven
}

# The bundled FFmpeg CLI (JavaCV) loads these at run time (DESIGN.md §9). Looked up by library rather
# than package, since Ubuntu 24.04 and Debian 13 renamed libasound2 to libasound2t64.
ensure_ffmpeg_libs() {
  local lib pkg missing="" known
  # Read once: a `ldconfig -p | grep -q` pipeline fails under pipefail when grep stops reading early.
  known=$("$(command -v ldconfig || echo /sbin/ldconfig)" -p 2>/dev/null || true)
  for lib in libpulse.so.0:libpulse0 libasound.so.2:libasound2 libxcb.so.1:libxcb1 \
             libxcb-shm.so.0:libxcb-shm0 libudev.so.1:libudev1; do
    pkg=${lib#*:}
    if [[ $known != *"${lib%%:*} "* ]]; then
      need_package "$pkg"
      missing=1
    fi
  done
  [ -z "$missing" ] || setup_apt_update
}

# Node 20+ and npm, for building and testing the web app (web/package.json's engines).
ensure_node() {
  local major
  if command -v node >/dev/null && command -v npm >/dev/null; then
    major=$(node -p 'process.versions.node.split(".")[0]')
    [ "$major" -ge 20 ] && return 0
    need_by_hand "Node.js $major is too old: the web app needs Node.js 20 or newer."
    return 0
  fi
  setup_apt_update
  major=$(apt_candidate_major nodejs)
  if [ "${major:-0}" -ge 20 ]; then
    command -v node >/dev/null || need_package nodejs
    command -v npm >/dev/null || need_package npm
  else
    # Debian 12 and Ubuntu 24.04 ship Node.js 18; NodeSource's repository has current ones.
    need_by_hand "Node.js 20 or newer is needed and apt offers ${major:+Node.js $major, }no newer one. As root:
    apt-get install -y curl
    curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
    apt-get install -y nodejs"
  fi
}

# Installs what the ensure_* steps noted (as root), or prints how and stops.
setup_finish() {
  local problem
  for problem in "${setup_problems[@]}"; do printf '\n%s\n' "$problem" >&2; done
  if [ ${#setup_packages[@]} -gt 0 ]; then
    if setup_is_root; then
      log "Installing ${setup_packages[*]}"
      apt-get install -y -qq --no-install-recommends "${setup_packages[@]}" >/dev/null
    else
      printf '\nMissing packages. Install them with:\n    sudo apt-get update && sudo apt-get install -y --no-install-recommends %s\n' \
        "${setup_packages[*]}" >&2
      exit 1
    fi
  fi
  [ ${#setup_problems[@]} -eq 0 ] || exit 1
  setup_packages=()
  # A JDK installed just now is found on this second look.
  if [ -z "$setup_jdk_found" ] && ! ensure_jdk_installed; then
    echo "No JDK 21 or newer was found after installing one under $SETUP_JVM_DIR" >&2
    exit 1
  fi
}
