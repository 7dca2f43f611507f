#!/usr/bin/env bash
# The composite action's second step (action.yml): `imagewarmer ensure` with the action's inputs, which arrive as
# INPUT_* environment variables. IMAGEWARMER names another executable (the tests use the one they built).
set -euo pipefail
args=(ensure --registry "${INPUT_REGISTRY:?the registry input is required}")
[ -n "${INPUT_MANIFESTS:-}" ] && args+=(--manifests "$INPUT_MANIFESTS")
[ "${INPUT_LOCKED:-false}" = true ] && args+=(--locked)
[ "${INPUT_STRICT:-false}" = true ] && args+=(--strict)
[ "${INPUT_REQUEST:-false}" = true ] && args+=(--request --wait "${INPUT_WAIT:-10m}")
exec "${IMAGEWARMER:-imagewarmer}" "${args[@]}"
