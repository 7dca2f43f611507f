#!/usr/bin/env bash
# README's main-job command: runs ImageWarmer end to end on local defaults. Installs and starts Azurite and
# two local registries on free loopback ports: "upstream" plays Docker Hub (seeded with synthetic images named
# as in samples/) and "target" plays ACR. Pushes the sample manifests as the snapshot a pipeline would push,
# runs the nightly warm-up once (which enqueues what the target lacks), requests one more image, drains the
# queue with the queue function's handler, prints the ledger, and plans again: everything present, and not one
# pull upstream. Stops everything after.
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
export ImageWarmer__Planning__TargetRegistry="$target" WarmQueueName=warm-requests

echo "== imagewarmer snapshot push samples            (what a pipeline does on merge)"
imagewarmer snapshot push samples --commit "local-$(date +%Y%m%d%H%M%S)"
echo "== imagewarmer plan --manifests blob:           (the local 'ACR' is empty)"
# Exit 2 means "some images need work": the expected answer for an empty target.
imagewarmer plan --manifests blob: || [ $? -eq 2 ]
echo "== imagewarmer nightly                          (the timer function's run: enqueue what is missing)"
imagewarmer nightly
echo "== imagewarmer request busybox:1.36.1           (a pipeline asks for one more image)"
dotnet bench/ImageWarmer.Bench/bin/Release/net10.0/ImageWarmer.Bench.dll seed-image "$upstream" library/busybox 1.36.1 >/dev/null
imagewarmer request busybox:1.36.1 --requested-by "run-local"
echo "== imagewarmer worker --once                    (the queue function's handler drains the queue)"
imagewarmer worker --once
echo "== imagewarmer status                           (the ledger)"
imagewarmer status
echo "== imagewarmer ensure busybox:1.36.1            (a deploy script's preflight)"
imagewarmer ensure busybox:1.36.1
echo "== imagewarmer plan again                       (everything present; docker.io: 0 pulls)"
imagewarmer plan --manifests blob:
