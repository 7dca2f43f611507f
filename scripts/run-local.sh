#!/usr/bin/env bash
# README's main-job command: runs ImageWarmer end to end on local defaults. Installs and starts Azurite and
# two local registries on free loopback ports: "upstream" plays Docker Hub (seeded with synthetic images named
# as the manifests declare) and "target" plays ACR. Pushes the manifests as the snapshot a pipeline would push,
# runs the nightly warm-up once (which enqueues what the target lacks), requests one more image, drains the
# queue with the queue function's handler, prints the ledger, gates the manifests as a pipeline would, and plans
# again: everything present, and not one pull upstream. Stops everything after.
#
#   scripts/run-local.sh                          # samples/ (a trimmed AzureTRE)
#   scripts/run-local.sh --manifests ~/src/repo   # your own repository, in the same local sandbox
set -euo pipefail
cd "$(dirname "$0")/.."

manifests=samples
while [ $# -gt 0 ]; do
  case $1 in
    --manifests) [ $# -ge 2 ] || { echo "run-local.sh: --manifests needs a folder" >&2; exit 1; }; manifests=$2; shift 2 ;;
    --manifests=*) manifests=${1#--manifests=}; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-local.sh: unknown argument '$1' (usage: scripts/run-local.sh [--manifests <folder>])" >&2; exit 1 ;;
  esac
done
[ -d "$manifests" ] || { echo "run-local.sh: $manifests is not a folder" >&2; exit 1; }
manifests=$(cd "$manifests" && pwd)

source scripts/lib/services.sh
trap services_stop EXIT
services_start
echo "== building the CLI and the seeding tool (Release)"
dotnet build src/ImageWarmer.Cli -c Release -v minimal -nologo
dotnet build bench/ImageWarmer.Bench -c Release -v minimal -nologo
imagewarmer() { dotnet src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll "$@"; }
seed() { dotnet bench/ImageWarmer.Bench/bin/Release/net10.0/ImageWarmer.Bench.dll "$@"; }

upstream=$IMAGEWARMER_TEST_UPSTREAM_REGISTRY
target=$IMAGEWARMER_TEST_TARGET_REGISTRY
export ImageWarmer__Storage__ConnectionString="$IMAGEWARMER_TEST_STORAGE"
export ImageWarmer__Registry__Endpoints__0__Registry=docker.io ImageWarmer__Registry__Endpoints__0__Url="http://$upstream"

echo "== seeding the local 'Docker Hub' ($upstream) with synthetic images named as $manifests declares"
seed seed "$manifests" "$upstream"
export ImageWarmer__Planning__TargetRegistry="$target" WarmQueueName=warm-requests

echo "== imagewarmer snapshot push $manifests            (what a pipeline does on merge)"
imagewarmer snapshot push "$manifests" --commit "local-$(date +%Y%m%d%H%M%S)"
echo "== imagewarmer plan --manifests blob:           (the local 'ACR' is empty)"
# Exit 2 means "some images need work": the expected answer for an empty target.
imagewarmer plan --manifests blob: || [ $? -eq 2 ]
echo "== imagewarmer nightly                          (the timer function's run: enqueue what is missing)"
imagewarmer nightly
echo "== imagewarmer request busybox:1.36.1           (a pipeline asks for one more image)"
seed seed-image "$upstream" library/busybox 1.36.1 >/dev/null
imagewarmer request busybox:1.36.1 --requested-by "run-local"
echo "== imagewarmer worker --once                    (the queue function's handler drains the queue)"
imagewarmer worker --once
echo "== imagewarmer status                           (the ledger)"
imagewarmer status
echo "== imagewarmer ensure busybox:1.36.1            (a deploy script's preflight)"
imagewarmer ensure busybox:1.36.1
echo "== imagewarmer ensure --manifests $manifests   (the pipeline gate over every declared image)"
# Exit 2 here names what the synthetic 'Docker Hub' cannot stand in for (an image pinned to a real digest).
imagewarmer ensure --manifests "$manifests" || [ $? -eq 2 ]
echo "== imagewarmer plan again                       (everything present; docker.io: 0 pulls)"
if [ "$manifests" = "$(pwd)/samples" ]; then
  imagewarmer plan --manifests blob:
else
  # Your repository may pin digests no synthetic image has: those stay source-missing here (exit 2), nothing else.
  imagewarmer plan --manifests blob: || [ $? -eq 2 ]
fi
