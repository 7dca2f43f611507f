#!/usr/bin/env bash
# README's main-job command: runs ImageWarmer end to end on local defaults. Installs and starts Azurite and
# two local registries on free loopback ports: "upstream" plays Docker Hub (seeded with synthetic images named
# as in samples/) and "target" plays ACR. Pushes the sample manifests as the snapshot a pipeline would push,
# plans and warms the target from it as the nightly run does, then plans again: everything present, and not
# one pull upstream. Stops everything after.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

trap services_stop EXIT
services_start
dotnet build src/ImageWarmer.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/ImageWarmer.Bench -c Release -v quiet -nologo >/dev/null
imagewarmer() { dotnet src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll "$@"; }

upstream=$IMAGEWARMER_TEST_UPSTREAM_REGISTRY
target=$IMAGEWARMER_TEST_TARGET_REGISTRY
export ImageWarmer__Storage__ConnectionString="$IMAGEWARMER_TEST_STORAGE"
export ImageWarmer__Registry__Endpoints__0__Registry=docker.io ImageWarmer__Registry__Endpoints__0__Url="http://$upstream"

echo "== seeding the local 'Docker Hub' ($upstream) with synthetic images named as in samples/"
dotnet bench/ImageWarmer.Bench/bin/Release/net10.0/ImageWarmer.Bench.dll seed samples "$upstream"
echo "== imagewarmer snapshot push samples"
imagewarmer snapshot push samples --commit "local-$(date +%Y%m%d%H%M%S)"
echo "== imagewarmer scan blob:manifests/snapshot.tar.gz"
imagewarmer scan blob:manifests/snapshot.tar.gz
echo "== imagewarmer plan --manifests blob: --registry $target   (the local 'ACR')"
# Exit 2 means "some images need work": the expected answer for an empty target.
imagewarmer plan --manifests blob: --registry "$target" || [ $? -eq 2 ]
echo "== imagewarmer warm --manifests blob: --registry $target"
imagewarmer warm --manifests blob: --registry "$target"
echo "== imagewarmer plan again: everything present, no pulls upstream"
imagewarmer plan --manifests blob: --registry "$target"
