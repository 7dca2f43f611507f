#!/usr/bin/env bash
# The composite action's first step (action.yml): puts `imagewarmer` on the job's PATH. With IMAGEWARMER_VERSION,
# installs that version of the .NET tool from NuGet; without, publishes it from the action's own source, once per
# runner (cached under the runner's tool cache by commit).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -n "${IMAGEWARMER_VERSION:-}" ]; then
  dir="${RUNNER_TOOL_CACHE:-$HOME/.cache}/imagewarmer/$IMAGEWARMER_VERSION"
  [ -x "$dir/imagewarmer" ] || dotnet tool install imagewarmer --version "$IMAGEWARMER_VERSION" --tool-path "$dir"
else
  revision=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo local)
  dir="${RUNNER_TOOL_CACHE:-$HOME/.cache}/imagewarmer/source-$revision"
  [ -x "$dir/imagewarmer" ] || dotnet publish "$root/src/ImageWarmer.Cli" -c Release -o "$dir" --nologo -v quiet
fi
echo "$dir" >>"${GITHUB_PATH:-/dev/null}"
echo "imagewarmer from $dir"
