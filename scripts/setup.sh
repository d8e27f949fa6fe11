#!/usr/bin/env bash
# Install what the tests and the local runner need besides the .NET SDK and Node.js:
#   - the npm tools pinned in package-lock.json (Azurite, Lighthouse, the Nu Html Checker), with `npm ci`
#     whenever node_modules is missing or was installed from another lock file;
#   - Debian's chromium (headless browser for axe and Lighthouse) and a Java runtime (for the Nu Html Checker),
#     with apt-get when they are missing (as root, or through sudo without a password).
# Idempotent and quick when everything is there. ./test.sh runs it first.
set -euo pipefail
cd "$(dirname "$0")/.."

lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.statuscomms-lock
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
  echo "setup: npm ci (package-lock.json changed or node_modules missing)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > "$stamp"
fi

missing=()
[[ -x "${CHROME_PATH:-/usr/bin/chromium}" ]] || missing+=(chromium chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if (( ${#missing[@]} > 0 )); then
  echo "setup: installing ${missing[*]} with apt-get"
  if [[ $(id -u) -eq 0 ]]; then
    apt=(apt-get)
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt=(sudo apt-get)
  else
    echo "setup: cannot install ${missing[*]}: run 'sudo apt-get install ${missing[*]}' (Debian/Ubuntu), or set CHROME_PATH to a Chromium." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${apt[@]}" update -qq
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: ready ($(node_modules/.bin/azurite --version 2>/dev/null | head -1 | sed 's/^/azurite /'), $("${CHROME_PATH:-/usr/bin/chromium}" --version 2>/dev/null), $(java -version 2>&1 | head -1))"
