#!/usr/bin/env bash
# README's main-job command: runs ImageWarmer end to end on local defaults. Installs and starts Azurite and
# two local registries (one plays Docker Hub, one plays ACR) on free loopback ports, pushes the sample
# manifests as the snapshot a pipeline would push, and scans that snapshot from Blob storage, as the
# nightly run does. Everything is stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

trap services_stop EXIT
services_start
dotnet build src/ImageWarmer.Cli -c Release -v quiet -nologo >/dev/null
imagewarmer() { dotnet src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll "$@"; }

export ImageWarmer__Storage__ConnectionString="$IMAGEWARMER_TEST_STORAGE"
echo "== imagewarmer snapshot push samples"
imagewarmer snapshot push samples --commit "local-$(date +%Y%m%d%H%M%S)"
echo "== imagewarmer scan blob:manifests/snapshot.tar.gz"
imagewarmer scan blob:manifests/snapshot.tar.gz
