#!/usr/bin/env bash
# Summarise VSTest TRX files into one line: "N passed, N failed" (+ ", N skipped" when > 0).
#
#   scripts/test-summary.sh [DIR_OR_FILE ...]     (default: TestResults)
#
# Every *.trx found (recursively) under the arguments is read and the attributes of its
# <Counters .../> element are summed:
#   passed  = passed
#   failed  = failed + error + timeout + aborted
#   skipped = max(notExecuted, total - executed)   (xunit skips show up as total - executed)
# The summary is the only line written to stdout; notes go to stderr.
# Exit status: 0 when at least one test ran and none failed, 1 otherwise (including no TRX
# files or zero tests), 2 on usage errors.
set -euo pipefail

if [[ $# -eq 0 ]]; then set -- TestResults; fi

files=()
for arg in "$@"; do
  if [[ -d "$arg" ]]; then
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$arg" -type f -name '*.trx' -print0 | sort -z)
  elif [[ -f "$arg" ]]; then
    files+=("$arg")
  elif [[ ! -e "$arg" ]]; then
    echo "test-summary: $arg does not exist" >&2
  else
    echo "test-summary: $arg is neither a file nor a directory" >&2
    exit 2
  fi
done

# Value of attribute $2 in the tag text $1 (0 when absent).
attr() {
  local v
  v="$(printf '%s\n' "$1" | sed -n "s/.*[[:space:]]$2=\"\([0-9]*\)\".*/\1/p" | head -n 1)"
  echo "${v:-0}"
}

passed=0 failed=0 skipped=0 ran=0
for f in "${files[@]}"; do
  # The element normally sits on one line; flatten anyway in case it was pretty-printed.
  counters="$(tr '\r\n' '  ' < "$f" | grep -o '<Counters[^>]*>' | head -n 1 || true)"
  if [[ -z "$counters" ]]; then
    echo "test-summary: no <Counters> element in $f (incomplete run?), counting it as 1 failure" >&2
    failed=$((failed + 1))
    continue
  fi
  total=$(attr "$counters" total)
  executed=$(attr "$counters" executed)
  p=$(attr "$counters" passed)
  fl=$(( $(attr "$counters" failed) + $(attr "$counters" error) + $(attr "$counters" timeout) + $(attr "$counters" aborted) ))
  ne=$(attr "$counters" notExecuted)
  sk=$(( total - executed ))
  (( ne > sk )) && sk=$ne
  (( sk < 0 )) && sk=0
  passed=$((passed + p))
  failed=$((failed + fl))
  skipped=$((skipped + sk))
  ran=$((ran + p + fl))
done

if [[ ${#files[@]} -eq 0 ]]; then
  echo "test-summary: no .trx files found in: $*" >&2
fi

status=0
if (( failed > 0 )); then status=1; fi
if (( ran == 0 )); then
  echo "test-summary: zero tests ran" >&2
  status=1
fi

# Notes above go first so that the summary is the last line a terminal or CI log shows.
line="$passed passed, $failed failed"
if (( skipped > 0 )); then line+=", $skipped skipped"; fi
echo "$line"
exit "$status"
