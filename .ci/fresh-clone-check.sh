#!/usr/bin/env bash
# A new user's machine, as far as one process can make one: a fresh clone of this commit (no node_modules, no
# .turbo), an empty HOME and npm cache, and a PATH with node, npm and npx but no pnpm. The README's `npm start` must
# install, build and serve the app there. CI on a machine that has a global pnpm and warm caches cannot see a
# missing install step otherwise (the first release's `npm start` failed exactly so).
#
# `bash .ci/fresh-clone-check.sh test` runs the README's test command there instead (about ten minutes; not in CI,
# which runs `npm test` in its own checkout already).
set -euo pipefail
mode="${1:-start}"

repo="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$repo" rev-parse HEAD)"
work="$(mktemp -d "${TMPDIR:-/tmp}/baton-fresh-XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM -- "-$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone --quiet --no-hardlinks "$repo" "$work/baton"
git -C "$work/baton" checkout --quiet --detach "$commit"
mkdir -p "$work/home" "$work/npm-cache" "$work/bin"

# PATH: links to node, npm and npx, then the system directories; a directory that holds a pnpm is replaced by a copy
# of its links without it, so the rest of what it holds (sh, git, make, g++ for the SQLite addon) stays reachable.
for tool in node npm npx; do ln -s "$(command -v "$tool")" "$work/bin/$tool"; done
path="$work/bin"
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  [ -d "$dir" ] || continue
  if [ -e "$dir/pnpm" ] || [ -e "$dir/pnpx" ]; then
    shadow="$work/path$(echo "$dir" | tr / _)"
    mkdir -p "$shadow"
    for entry in "$dir"/*; do
      case "$(basename "$entry")" in pnpm | pnpx) ;; *) ln -s "$entry" "$shadow/" ;; esac
    done
    path="$path:$shadow"
  else
    path="$path:$dir"
  fi
done

# Kept from this machine: where Node's headers are (node-gyp would otherwise download them, and only the npm
# registry is reachable here) and its certificate settings. Nothing else of the caller's environment goes in.
keep=()
nodedir="$(npm config get nodedir 2>/dev/null || true)"
if [ -n "$nodedir" ] && [ "$nodedir" != "undefined" ] && [ "$nodedir" != "null" ]; then
  keep+=("npm_config_nodedir=$nodedir")
fi
for name in NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR LANG; do
  if [ -n "${!name:-}" ]; then keep+=("$name=${!name}"); fi
done

if [ "$mode" = test ]; then
  echo "fresh-clone check: npm test in a fresh clone of ${commit:0:12}, empty HOME and caches, no pnpm on PATH"
  started="$(date +%s)"
  env -i "${keep[@]}" HOME="$work/home" PATH="$path" npm_config_cache="$work/npm-cache" TURBO_TELEMETRY_DISABLED=1 \
    bash -c 'if command -v pnpm >/dev/null; then echo "pnpm is on PATH: this is not a fresh machine"; exit 97; fi
             cd "$1" && npm test' _ "$work/baton"
  echo "fresh-clone check passed: npm test in $(($(date +%s) - started)) s."
  exit 0
fi

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
log="$work/start.log"
started="$(date +%s)"
echo "fresh-clone check: npm start in a fresh clone of ${commit:0:12}, empty HOME and caches, no pnpm on PATH"
setsid env -i "${keep[@]}" HOME="$work/home" PATH="$path" npm_config_cache="$work/npm-cache" \
  TURBO_TELEMETRY_DISABLED=1 PORT="$port" \
  bash -c 'if command -v pnpm >/dev/null; then echo "pnpm is on PATH ($(command -v pnpm)): this is not a fresh machine"; exit 97; fi
           cd "$1" && exec npm start' _ "$work/baton" >"$log" 2>&1 &
server_pid=$!

deadline=$((started + 900))
until curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; do
  if ! kill -0 "$server_pid" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
    tail -n 60 "$log"
    echo "fresh-clone check FAILED: npm start did not serve the app on a machine without pnpm (log above)."
    exit 1
  fi
  sleep 2
done
page="$(curl -fsS "http://127.0.0.1:$port/")"
if ! grep -q '<div id="root">' <<<"$page"; then
  echo "fresh-clone check FAILED: the server answers, but / is not the web app:"
  head -c 400 <<<"$page"
  exit 1
fi
grep -E '^baton: |Baton is running at' "$log" || true
echo "fresh-clone check passed: npm start served the app in $(($(date +%s) - started)) s."
