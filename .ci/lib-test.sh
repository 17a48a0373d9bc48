#!/usr/bin/env bash
# Tests of .ci/lib.sh's set-up decisions on machines this one is not: JDKs, apt, the FFmpeg libraries
# and Node are stand-in scripts on PATH, and SETUP_AS_USER=1 plays a user without root, so nothing
# is installed. Run by .ci/run before the Maven build.
set -uo pipefail
lib="$(cd "$(dirname "$0")" && pwd)/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# A fake JDK of a Java version under $work/jvm (or elsewhere), with java and javac.
fake_jdk() {
  local dir=$1 version=$2
  mkdir -p "$dir/bin"
  printf '#!/bin/sh\necho "    java.specification.version = %s" >&2\n' "$version" >"$dir/bin/java"
  printf '#!/bin/sh\nexit 0\n' >"$dir/bin/javac"
  chmod +x "$dir/bin/java" "$dir/bin/javac"
}

# A stand-in command on the test PATH printing $2 (a printf format, no arguments).
fake_command() {
  printf '#!/bin/bash\nprintf %q\n' "$2" >"$work/bin/$1"
  chmod +x "$work/bin/$1"
}

# apt-cache whose `policy PACKAGE` offers this one package at this version, and nothing else.
fake_apt() {
  printf '#!/bin/bash\n[ "$2" = %q ] && printf "%%s:\\n  Candidate: %%s\\n" %q %q\nexit 0\n' "$1" "$1" "$2" >"$work/bin/apt-cache"
  chmod +x "$work/bin/apt-cache"
}

# Every FFmpeg library present, Maven and Node recent: each scenario then changes one thing.
machine() {
  rm -rf "$work/bin" "$work/jvm"
  mkdir -p "$work/bin" "$work/jvm"
  fake_command ldconfig '\tlibpulse.so.0 (libc6,x86-64) => /x\n\tlibasound.so.2 (libc6,x86-64) => /x\n\tlibxcb.so.1 (libc6,x86-64) => /x\n\tlibxcb-shm.so.0 (libc6,x86-64) => /x\n\tlibudev.so.1 (libc6,x86-64) => /x\n'
  fake_command mvn 'Apache Maven 3.9.9\n'
  fake_command node '22\n'
  fake_command npm '10.0.0\n'
  fake_command apt-cache ''
  for tool in sed sort head ls dirname readlink id bash; do ln -s "$(command -v "$tool")" "$work/bin/$tool"; done
}

# Runs the set-up as a user without root; prints its output and then JAVA_HOME=<what it chose>.
setup() {
  env -i PATH="$work/bin" SETUP_AS_USER=1 SETUP_JVM_DIR="$work/jvm" "$@" bash -c \
    '. "$0"; ensure_jdk; ensure_maven; ensure_ffmpeg_libs; ensure_node; setup_finish; echo "JAVA_HOME=$JAVA_HOME"' "$lib" 2>&1
}

check() {
  local name=$1 output=$2 expected=$3
  if [[ $output == *"$expected"* ]]; then
    passed=$((passed + 1))
    echo "ok - $name"
  else
    failed=$((failed + 1))
    printf 'not ok - %s\n  expected to contain: %s\n  output:\n%s\n' "$name" "$expected" "$output"
  fi
}

machine
fake_jdk "$work/jvm/java-17-openjdk-amd64" 17
fake_jdk "$work/jvm/temurin-25-jdk-amd64" 25
out=$(setup JAVA_HOME=/nowhere)
check "with JAVA_HOME pointing nowhere, the newest JDK under /usr/lib/jvm is used" "$out" "JAVA_HOME=$work/jvm/temurin-25-jdk-amd64"

fake_jdk "$work/elsewhere/jdk-21" 21
out=$(setup JAVA_HOME="$work/elsewhere/jdk-21")
check "a JAVA_HOME of Java 21 is kept although a newer JDK is installed" "$out" "JAVA_HOME=$work/elsewhere/jdk-21"

out=$(setup JAVA_HOME="$work/jvm/java-17-openjdk-amd64")
check "a JAVA_HOME of Java 17 is passed over for a JDK 21+" "$out" "JAVA_HOME=$work/jvm/temurin-25-jdk-amd64"

fake_jdk "$work/jvm/zulu-21" 21
out=$(setup)
check "the newest JDK is chosen by its version, not by its folder's name" "$out" "JAVA_HOME=$work/jvm/temurin-25-jdk-amd64"

machine
fake_jdk "$work/jvm/java-17-openjdk-amd64" 17
fake_apt openjdk-21-jdk-headless 21.0.9+10-1
out=$(setup)
check "without a JDK 21 a user is given the apt-get command for the one apt offers" "$out" \
  "sudo apt-get update && sudo apt-get install -y --no-install-recommends openjdk-21-jdk-headless"

machine
fake_jdk "$work/jvm/java-17-openjdk-amd64" 17
out=$(setup)
check "where apt offers no JDK 21 (Debian 12), Temurin's repository is explained" "$out" "apt-get install -y temurin-21-jdk"
check "and the set-up stops" "$out" "No JDK 21 or newer is installed"
check "without starting anything" "$([[ $out != *JAVA_HOME=* ]] && echo stopped)" stopped

machine
fake_jdk "$work/jvm/temurin-25-jdk-amd64" 25
fake_command ldconfig '\tlibasound.so.2 (libc6,x86-64) => /x\n\tlibxcb.so.1 (libc6,x86-64) => /x\n\tlibudev.so.1 (libc6,x86-64) => /x\n'
out=$(setup)
check "missing FFmpeg libraries are named by their packages in one command" "$out" \
  "--no-install-recommends libpulse0 libxcb-shm0"

machine
fake_jdk "$work/jvm/temurin-25-jdk-amd64" 25
fake_command node '18\n'
out=$(setup)
check "a Node.js older than 20 stops the set-up with NodeSource's commands" "$out" "Node.js 18 is too old"

machine
fake_jdk "$work/jvm/temurin-25-jdk-amd64" 25
rm "$work/bin/mvn"
fake_apt maven 3.8.7-1
out=$(setup)
check "a missing Maven is installed from apt" "$out" "--no-install-recommends maven"

machine
fake_jdk "$work/jvm/temurin-25-jdk-amd64" 25
out=$(setup)
check "a machine that has everything is ready at once" "$out" "JAVA_HOME=$work/jvm/temurin-25-jdk-amd64"
check "and is not asked to install anything" "$([[ $out != *apt-get* ]] && echo none)" none

echo "lib.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
