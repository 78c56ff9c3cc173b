# Sourced by ./run-tests before Maven starts: installs what the tests need that it can install
# itself, and says in one line what it cannot (with the apt-get line that installs it).
#  - the npm packages of the JavaScript SDK tests (@aws-sdk/client-kinesis, client-dynamodb and
#    lib-dynamodb, pinned in src/test/js, installed into target/js-client as those tests expect)
#    with `npm ci`, only when missing or when the package-lock.json changed since (a copy of the
#    lock it installed is kept next to node_modules);
#  - it cannot install system packages: Maven, the AWS CLI v2 at /usr/bin/aws, chromium and
#    chromedriver at /usr/bin, Node.js 20+ and npm.
# Expects $wildrydes_root (scripts/java-env.sh sets it).

npm_install_if_stale() { # $1: directory with package.json and package-lock.json
  local dir="$1" stamp="$1/node_modules/.wildrydes-installed-lock" log
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    return 0
  fi
  mkdir -p "$wildrydes_root/target"
  log="$wildrydes_root/target/npm-ci-$(basename "$dir").log"
  echo "run-tests: npm ci in ${dir#"$wildrydes_root"/} (first run, or its package-lock.json changed)..." >&2
  if (cd "$dir" && npm ci --no-audit --no-fund) >"$log" 2>&1; then
    cp "$dir/package-lock.json" "$stamp"
    rm -f "$log"
  else
    echo "run-tests: npm ci in ${dir#"$wildrydes_root"/} failed (see ${log#"$wildrydes_root"/}); the tests that need it will fail." >&2
  fi
}

test_setup() {
  local what=() packages=() node_ok=1
  need() { what+=("$1"); packages+=("$2"); }
  command -v mvn >/dev/null 2>&1 || need "Maven" maven
  [ -x /usr/bin/aws ] || need "the AWS CLI v2 (/usr/bin/aws)" awscli
  [ -x /usr/bin/chromium ] || need "chromium" chromium
  [ -x /usr/bin/chromedriver ] || need "chromedriver" chromium-driver
  if ! command -v node >/dev/null 2>&1; then
    need "Node.js 20+" nodejs; node_ok=0
  elif [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 20 ]; then
    need "Node.js 20+ (found $(node --version))" nodejs; node_ok=0
  fi
  command -v npm >/dev/null 2>&1 || { need "npm" npm; node_ok=0; }
  if [ "${#what[@]}" -gt 0 ]; then
    local joined
    joined="$(printf '%s, ' "${what[@]}")"
    echo "run-tests: missing ${joined%, } (the tests that need them will fail); install with: apt-get install -y ${packages[*]}" >&2
  fi
  if [ "$node_ok" = 1 ]; then
    mkdir -p "$wildrydes_root/target/js-client"
    cp "$wildrydes_root/src/test/js/package.json" "$wildrydes_root/src/test/js/package-lock.json" \
       "$wildrydes_root"/src/test/js/*.mjs "$wildrydes_root/target/js-client/"
    npm_install_if_stale "$wildrydes_root/target/js-client"
  fi
  command -v mvn >/dev/null 2>&1
}
