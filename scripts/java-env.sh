# Sourced by the launcher scripts: finds a JDK 21 or newer and builds the runnable jar when it
# is missing or older than the sources. Sets JAVA_HOME, JAVA and WILDRYDES_JAR.

wildrydes_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1
}

find_java_home() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local d
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*21* /usr/lib/jvm/* \
           /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && candidates+=("$d")
  done
  for d in "${candidates[@]}"; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ]; then
      local major
      major="$(java_major "$d/bin/java")"
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        echo "$d"
        return 0
      fi
    fi
  done
  return 1
}

if ! JAVA_HOME="$(find_java_home)"; then
  echo "wildrydes: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm): install one, e.g. 'apt-get install temurin-21-jdk' or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
WILDRYDES_JAR="$wildrydes_root/target/wildrydes.jar"

build_jar_if_stale() {
  if [ -f "$WILDRYDES_JAR" ] && [ -z "$(find "$wildrydes_root/src/main" "$wildrydes_root/pom.xml" -newer "$WILDRYDES_JAR" -print -quit)" ]; then
    return 0
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "wildrydes: Maven is needed to build the jar: install it (e.g. 'apt-get install maven') and run this again." >&2
    exit 1
  fi
  mkdir -p "$wildrydes_root/target"
  echo "wildrydes: building target/wildrydes.jar (first run or sources changed)..." >&2
  if ! (cd "$wildrydes_root" && mvn -q -B -DskipTests package >"$wildrydes_root/target/build.log" 2>&1); then
    echo "wildrydes: the build failed; see $wildrydes_root/target/build.log" >&2
    exit 1
  fi
  rm -f "$wildrydes_root/target/build.log"
}
