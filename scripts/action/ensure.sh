#!/usr/bin/env bash
# The composite action's second step (action.yml): `imagewarmer ensure --json` with the action's inputs, which arrive
# as INPUT_* environment variables; the JSON goes to the step's `result` output and, one line an image, to the log.
# The exit code is ensure's (0 all present, 2 something needs attention, 1 an error). IMAGEWARMER names another
# executable (the tests use the one they built).
set -uo pipefail
args=(ensure --json --registry "${INPUT_REGISTRY:?the registry input is required}")
[ -n "${INPUT_MANIFESTS:-}" ] && args+=(--manifests "$INPUT_MANIFESTS")
[ "${INPUT_LOCKED:-false}" = true ] && args+=(--locked)
[ "${INPUT_OFFLINE:-false}" = true ] && args+=(--offline)
[ "${INPUT_STRICT:-false}" = true ] && args+=(--strict)
[ "${INPUT_REQUEST:-false}" = true ] && args+=(--request --wait "${INPUT_WAIT:-10m}")
while IFS= read -r endpoint; do
  [ -n "$endpoint" ] && args+=(--endpoint "$endpoint")
done <<<"${INPUT_ENDPOINT:-}"

result=$(mktemp)
trap 'rm -f "$result"' EXIT
"${IMAGEWARMER:-imagewarmer}" "${args[@]}" >"$result"
code=$?
if command -v jq >/dev/null && jq -e . "$result" >/dev/null 2>&1; then
  jq -r '.items[] | "\(.status)\t\(.target)\t\(.detail // "")"' "$result"
  jq -r '.problems[] | "problem\t\(.)"' "$result"
else
  cat "$result"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  delimiter="imagewarmer_$RANDOM$RANDOM$RANDOM"
  { echo "result<<$delimiter"; cat "$result"; echo; echo "$delimiter"; } >>"$GITHUB_OUTPUT"
fi
exit "$code"
