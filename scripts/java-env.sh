# Sourced by the launcher scripts: finds a JDK 21 or newer and builds the runnable jar when it
# is missing or older than the sources. Sets JAVA_HOME, JAVA, JAVA_VERSION_STRING (e.g. 25.0.3),
# JAVA_MAJOR and WILDRYDES_JAR. Starts no JVM to find the JDK: it reads the JDK's release file
# (java -version only for a JDK without one), as every JVM start costs 50-100 ms.

wildrydes_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

java_version_of() { # prints the version of the JDK in $1 (25.0.3, 21, 1.8.0_392), or nothing
  local line version=""
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*) version="${line#JAVA_VERSION=}"; version="${version//\"/}"; break ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$version" ]; then
    version="$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  printf '%s' "$version"
}

major_of() { # 25.0.3 -> 25, 21 -> 21, 1.8.0_392 -> 8; nothing when it is not a version
  local v="${1#1.}" # 1.x: the major is the second number
  v="${v%%[!0-9]*}"
  printf '%s' "$v"
}

find_java_home() { # prints "home<TAB>version" of the first JDK 21+ it finds
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
      local version major
      version="$(java_version_of "$d")"
      major="$(major_of "$version")"
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        printf '%s\t%s\n' "$d" "$version"
        return 0
      fi
    fi
  done
  return 1
}

if ! found_java="$(find_java_home)"; then
  echo "wildrydes: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm): install one, e.g. 'apt-get install temurin-21-jdk' or set JAVA_HOME." >&2
  exit 1
fi
JAVA_HOME="${found_java%%$'\t'*}"
JAVA_VERSION_STRING="${found_java#*$'\t'}"
JAVA_MAJOR="$(major_of "$JAVA_VERSION_STRING")"
unset found_java
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
