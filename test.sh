#!/usr/bin/env bash
# Build and run every test project in the solution against Azurite, then print a one-line
# summary ("N passed, N failed[, N skipped]") as the very last line.
#
#   ./test.sh                          all tests
#   ./test.sh --filter FullyQualifiedName~Incidents   extra args go to `dotnet test`
#
# Installs what the tests need first (scripts/setup.sh: npm ci, chromium and Java with apt-get).
# Reuses an Azurite already listening on 127.0.0.1:10000-10002; otherwise starts one and stops
# it again on exit. Exits non-zero if `dotnet test` failed, any test failed, or no test ran.
set -euo pipefail
cd "$(dirname "$0")"

started_azurite=0
stop_our_azurite() {
  if (( started_azurite )); then
    started_azurite=0
    scripts/azurite.sh stop || true
  fi
}
trap 'stop_our_azurite >/dev/null 2>&1' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf TestResults

# npm tools from the lock file, Chromium and Java (for the page-quality tests in tests/StatusComms.Site.Tests).
scripts/setup.sh

azurite_out="$(scripts/azurite.sh start)"
echo "$azurite_out"
if [[ "$azurite_out" == *"azurite: started"* ]]; then started_azurite=1; fi

# One TRX per test project. No fixed LogFileName: with several test projects a fixed name makes
# each project overwrite the previous one's file; the default names are made unique by the logger.
#
# Built once (in parallel), then the test projects run one after another (-m:1): the page-quality tests in
# tests/StatusComms.Site.Tests run Lighthouse, which measures how long the browser's main thread is busy, and other
# test projects running on the same two cores would make a fast page look slow.
dotnet_rc=0
dotnet build StatusComms.sln -c Release || dotnet_rc=$?
if (( dotnet_rc == 0 )); then
  dotnet test StatusComms.sln -c Release --no-build -m:1 \
    --logger trx --results-directory TestResults \
    "$@" || dotnet_rc=$?
fi

# Stop before summarising so that the summary stays the last line of output.
stop_our_azurite

if (( dotnet_rc != 0 )); then
  echo "test.sh: dotnet test exited with code $dotnet_rc" >&2
fi
summary_rc=0
scripts/test-summary.sh TestResults || summary_rc=$?

if (( dotnet_rc != 0 )); then exit "$dotnet_rc"; fi
exit "$summary_rc"
