#!/usr/bin/env bash
# The composite action's mirror step (action.yml), run when the buildkitd-config input names a path: writes there the
# buildkitd.toml that makes the registry BuildKit's mirror of Docker Hub (and of the manifests' other registries), and
# hands the path on as the action's buildkitd-config output, for docker/setup-buildx-action's buildkitd-config input.
# Exit 2 of `imagewarmer mirror` (written, but some image stays out of the mirror's reach) is a warning, not a failure:
# those images still build, from their source registry. IMAGEWARMER names another executable (the tests use theirs).
set -euo pipefail
path="${INPUT_BUILDKITD_CONFIG:?the buildkitd-config input names where to write buildkitd.toml}"
args=(mirror --format buildkitd.toml --registry "${INPUT_REGISTRY:?the registry input is required}" --output "$path")
[ -n "${INPUT_MANIFESTS:-}" ] && args+=(--manifests "$INPUT_MANIFESTS")
status=0
"${IMAGEWARMER:-imagewarmer}" "${args[@]}" || status=$?
if [ "$status" -eq 2 ]; then
  echo "::warning::some images stay out of the mirror's reach (see above): builds pull them from their source registry"
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
echo "buildkitd-config=$path" >> "${GITHUB_OUTPUT:-/dev/null}"
