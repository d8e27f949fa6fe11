#!/usr/bin/env bash
# Run StatusComms locally: Azurite + the local runner (the Functions app hosted on Kestrel).
#
#   ./run.sh            start the runner
#   ./run.sh --demo     extra args go to the runner (e.g. --demo seeds demo data)
#
# Environment:
#   StatusComms__ApiKey   admin API key; a random one is generated (and printed) when unset
#   StatusComms__Port     HTTP port, default 7071
# Reuses an Azurite already listening on 127.0.0.1:10000-10002; otherwise starts one and stops
# it again when the runner exits.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x node_modules/.bin/azurite ]]; then
  npm ci --no-audit --no-fund
fi

started_azurite=0
child=
cleanup() {
  if [[ -n "$child" ]] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  if (( started_azurite )); then
    started_azurite=0
    scripts/azurite.sh stop || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

azurite_out="$(scripts/azurite.sh start)"
echo "$azurite_out"
if [[ "$azurite_out" == *"azurite: started"* ]]; then started_azurite=1; fi

if [[ -z "${StatusComms__ApiKey:-}" ]]; then
  if command -v openssl >/dev/null 2>&1; then
    StatusComms__ApiKey="$(openssl rand -hex 16)"
  else
    StatusComms__ApiKey="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  fi
  echo
  echo "StatusComms__ApiKey was not set; generated a key for this run:"
  echo
  echo "    StatusComms__ApiKey=$StatusComms__ApiKey"
  echo
  echo "(send it as the API key header to the admin endpoints; export it yourself to keep it stable)"
  echo
fi
export StatusComms__ApiKey
export StatusComms__Port="${StatusComms__Port:-7071}"

# In the background + wait, so that INT/TERM reach our traps at once (a foreground child would
# defer them) and Azurite is stopped after the runner exits.
dotnet run --project src/StatusComms.LocalRunner -c Release -- "$@" &
child=$!
rc=0
wait "$child" || rc=$?
child=
exit "$rc"
