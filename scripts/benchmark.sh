#!/usr/bin/env bash
# Runs the benchmark harness against Azurite (docs/benchmarks.md), including the cold start of a ReadyToRun
# publish, which is how the Functions app is deployed.
#   scripts/benchmark.sh [--iterations N]
set -euo pipefail
cd "$(dirname "$0")/.."
started=0
if [[ "$(scripts/azurite.sh start)" == *"azurite: started"* ]]; then started=1; fi
trap '(( started )) && scripts/azurite.sh stop >/dev/null' EXIT
r2r="$(mktemp -d)"
trap '(( started )) && scripts/azurite.sh stop >/dev/null; rm -rf "$r2r"' EXIT
dotnet publish tests/StatusComms.Benchmarks -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$r2r" >/dev/null
dotnet run -c Release --project tests/StatusComms.Benchmarks -- --ready-to-run "$r2r" "$@"
