#!/usr/bin/env bash
# The Functions app's cold start, managed against ReadyToRun: time from process start to the first queue message
# handled. Usage: bench/functions-start.sh [--runs N]
#
# What it measures, exactly: the Functions host cannot be downloaded here, so bench/ImageWarmer.Bench.FunctionsStart
# runs the worker's own code path in a fresh process: the services src/ImageWarmer.Functions/Program.cs registers
# (ImageWarmer and its worker settings, validated on start; Application Insights; the hosted services), the host.json
# it ships with, then WarmRequestFunction on one message received from Azurite's queue: the oci-copy of a 1 MiB image
# from the local "Docker Hub" registry into the local "ACR", its ledger row written. It is published twice from the
# same sources, as `dotnet publish src/ImageWarmer.Functions` publishes the app: plain IL (PublishReadyToRun=false)
# and ReadyToRun for linux-x64 (the app's setting). Not measured: the Functions host's own start, its gRPC channel
# to the worker, and the platform's instance allocation and package mount, which are the same for both builds.
# Each run is a fresh process with a fresh image (nothing cached); the median of --runs runs per build.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=7
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done

work=$(mktemp -d -t imagewarmer-start.XXXXXX)
source scripts/lib/services.sh
trap 'services_stop; rm -rf "$work"' EXIT
services_start >/dev/null 2>&1

harness=bench/ImageWarmer.Bench.FunctionsStart
dotnet publish "$harness" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=false -o "$work/managed" -v quiet -nologo >/dev/null
dotnet publish "$harness" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/readytorun" -v quiet -nologo >/dev/null
dotnet build bench/ImageWarmer.Bench -c Release -v quiet -nologo >/dev/null

upstream=$IMAGEWARMER_TEST_UPSTREAM_REGISTRY
export AzureWebJobsStorage=$IMAGEWARMER_TEST_STORAGE WarmQueueName=warm-start
export ImageWarmer__Planning__TargetRegistry=$IMAGEWARMER_TEST_TARGET_REGISTRY
export ImageWarmer__Warming__Importer=oci-copy
export ImageWarmer__Registry__Endpoints__0__Registry=docker.io ImageWarmer__Registry__Endpoints__0__Url=http://$upstream
export ImageWarmer__Registry__Credentials__0__Registry=docker.io ImageWarmer__Registry__Credentials__0__Password=unused
export ImageWarmer__Storage__LedgerTable=warmstart ImageWarmer__Storage__ReportsContainer=warm-start-reports
export APPLICATIONINSIGHTS_CONNECTION_STRING="InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/"

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
echo "Functions worker cold start, median of $runs fresh processes per build, $(nproc) cores (ms from process start):"
echo "| build | services started | first message received | first message handled | process wall time |"
echo "|---|---|---|---|---|"
for build in managed readytorun; do
  : >"$work/$build.txt"
  for i in $(seq 1 "$runs"); do
    dotnet bench/ImageWarmer.Bench/bin/Release/net10.0/ImageWarmer.Bench.dll seed-image "$upstream" bench/start "$build-$i" >/dev/null
    dotnet "$work/$build/ImageWarmer.Bench.FunctionsStart.dll" enqueue "docker.io/bench/start:$build-$i"
    line=$( { /usr/bin/time -f 'wall %e' dotnet "$work/$build/ImageWarmer.Bench.FunctionsStart.dll" run 2>&3 | grep '^started'; } 3>&1 2>&1 | tr '\n' ' ')
    echo "$line" >>"$work/$build.txt"
  done
  field() { awk -v key="$1" '{ for (i = 1; i < NF; i++) if ($i == key) print $(i + 1) }' "$work/$build.txt" | median; }
  started=$(field started); received=$(field received); handled=$(field handled); wall=$(field wall)
  echo "| $build | $started | $received | $handled | ${wall} s |"
done
