#!/usr/bin/env bash
# Installs code-server (a real VS Code server + web workbench) from the npm registry for the
# integration tests, the end-to-end tests and `npm start`, on a machine that can reach only the
# npm registry and Debian's packages. Idempotent: re-running on a finished install is a no-op.
#
# usage: scripts/setup-code-server.sh [--with-chromium] [DEST_DIR] [VERSION]
#   DEST_DIR  default ${BRIEFING_CODE_SERVER_DIR:-$HOME/.cache/briefing-desk/code-server}
#   VERSION   default 4.100.3 (VS Code 1.100.3; the last line that runs on Node 20)
#   --with-chromium  also make sure Debian's chromium is installed (the tests drive it)
# The LAST line on stdout is the package dir: run `node <dir>/out/node/entry.js ...`.
# env: SKIP_APT=1  never call apt-get; fail with the list of missing Debian packages instead.
#
# Why not a plain `npm install -g code-server` (its install scripts fetch files from hosts other
# than the npm registry):
#   * @vscode/ripgrep's postinstall downloads rg      -> --ignore-scripts, link Debian's rg instead
#   * node-gyp downloads Node's headers               -> npm_config_nodedir points at the local ones
#   * node-pty's install runs `npx node-gyp`           -> npm_config_yes=true (node-gyp is on the registry)
#   * code-server's postinstall.sh is skipped          -> its symlinks are recreated below
set -euo pipefail

WITH_CHROMIUM=
args=()
for a in "$@"; do
  case "$a" in
    --with-chromium) WITH_CHROMIUM=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) args+=("$a") ;;
  esac
done
DEST=$(realpath -m "${args[0]:-${BRIEFING_CODE_SERVER_DIR:-$HOME/.cache/briefing-desk/code-server}}")
VERSION=${args[1]:-4.100.3}
PKG="$DEST/package"
STAMP="$PKG/.offline-setup-ok"
log() { echo "[setup-code-server $(date +%T)] $*" >&2; }

# ---------- 0. Debian packages (only the missing ones; apt-get only as root) ----------
# The one list (scripts/debian-packages.txt): its "build" lines matter only while installing, "run" lines always;
# chromium (a "test" line) with --with-chromium.
LIST="$(cd "$(dirname "$0")" && pwd)/debian-packages.txt"
installed=
[ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$VERSION" ] && installed=1
missing=()
while read -r cmd pkg when _; do
  case "$cmd" in ''|'#'*) continue ;; esac
  case "$when" in
    build) [ -n "$installed" ] && continue ;;
    run) ;;
    *) [ -n "$WITH_CHROMIUM" ] && [ "$cmd" = chromium ] || continue ;;
  esac
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done < "$LIST"
if [ ${#missing[@]} -gt 0 ]; then
  missing=($(printf '%s\n' "${missing[@]}" | sort -u))
  if [ -z "${SKIP_APT:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "apt-get install ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    log "ERROR: missing Debian packages: ${missing[*]} (install them, e.g. sudo apt-get install ${missing[*]})"
    exit 1
  fi
fi

if [ -n "$installed" ] && node "$PKG/out/node/entry.js" --version >/dev/null 2>&1; then
  ln -sf "$(command -v rg)" "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  log "code-server $VERSION already set up in $PKG"
  echo "$PKG"; exit 0
fi

NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" = 20 ] || { log "ERROR: code-server 4.100.x needs Node 20 (found $(node -v))"; exit 1; }

# node-gyp must not download headers: use the ones installed with node.
if [ -z "${npm_config_nodedir:-}" ]; then
  for d in /usr /usr/local "$(dirname "$(dirname "$(command -v node)")")"; do
    if [ -f "$d/include/node/node.h" ]; then export npm_config_nodedir="$d"; break; fi
  done
fi
[ -n "${npm_config_nodedir:-}" ] || { log "ERROR: Node's headers (include/node/node.h) not found; install a Node 20 package that ships them"; exit 1; }

export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false \
       npm_config_loglevel=error

# ---------- 1. fetch + unpack ----------
mkdir -p "$DEST"; cd "$DEST"
TGZ="code-server-$VERSION.tgz"
if [ ! -s "$TGZ" ]; then log "npm pack code-server@$VERSION"; npm pack "code-server@$VERSION" >/dev/null; fi
rm -rf "$PKG"; log "unpacking $TGZ"; tar xzf "$TGZ"

# ---------- 2. dependencies, without lifecycle scripts ----------
log "npm install (package/)";              (cd "$PKG"                       && npm install --omit=dev --ignore-scripts >&2)
log "npm install (lib/vscode)";            (cd "$PKG/lib/vscode"            && npm install --omit=dev --ignore-scripts >&2)
log "npm install (lib/vscode/extensions)"; (cd "$PKG/lib/vscode/extensions" && npm install --omit=dev --ignore-scripts >&2 && node postinstall.mjs >/dev/null)

# ---------- 3. native modules ----------
log "npm rebuild native modules in lib/vscode (node-gyp, about a minute on 2 cores)"
(cd "$PKG/lib/vscode" && npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid >&2)
log "npm rebuild argon2"
(cd "$PKG" && npm rebuild argon2 >&2)

# ---------- 4. ripgrep + the symlinks code-server's postinstall.sh would create ----------
RGDIR="$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin"; mkdir -p "$RGDIR"; ln -sf "$(command -v rg)" "$RGDIR/rg"
ln -sfn node_modules     "$PKG/lib/vscode/node_modules.asar"
ln -sfn code-linux.sh    "$PKG/lib/vscode/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$PKG/lib/vscode/bin/helpers/browser.sh"

# ---------- 5. verify ----------
(cd "$PKG/lib/vscode" && node -e '
  for (const m of ["@vscode/spdlog", "node-pty", "native-watchdog", "@parcel/watcher", "kerberos"]) require(m);
  console.error("native modules load OK")') >&2
(cd "$PKG" && node -e 'require("argon2"); console.error("argon2 OK")') >&2
node "$PKG/out/node/entry.js" --version >&2
echo "$VERSION" > "$STAMP"
rm -f "$DEST/$TGZ"
log "done: node $PKG/out/node/entry.js --auth none --bind-addr 127.0.0.1:8080 <folder>"
echo "$PKG"
