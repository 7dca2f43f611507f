#!/usr/bin/env bash
# ImageWarmer's benchmarks. Usage: bench/run.sh [scan] [--manifests N] [--runs N]
#   scan: generate a repository of N manifests (default 10,000), pack it as a snapshot .tar.gz, and time
#         `imagewarmer scan` on the folder and on the archive, each run a fresh process as pipelines run it:
#         median wall time over the runs and peak RSS (GNU time). skopeo has no manifest scanning, so there is
#         no side-by-side here; the registry scenarios (plan, warm) run against skopeo.
set -euo pipefail
cd "$(dirname "$0")/.."

scenario=${1:-scan}; shift || true
manifests=10000; runs=5
while [ $# -gt 0 ]; do
  case $1 in
    --manifests) manifests=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
command -v /usr/bin/time >/dev/null || { echo "bench needs GNU time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d -t imagewarmer-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet build bench/ImageWarmer.Bench -c Release -v quiet -nologo >/dev/null
dotnet build src/ImageWarmer.Cli -c Release -v quiet -nologo >/dev/null
bench() { dotnet bench/ImageWarmer.Bench/bin/Release/net10.0/ImageWarmer.Bench.dll "$@"; }
imagewarmer() { dotnet src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll "$@"; }

# Prints "median_seconds max_rss_mib" of `imagewarmer "$@"` over $runs fresh processes.
time_runs() {
  local walls=() rss=0 line
  for _ in $(seq 1 "$runs"); do
    line=$( { /usr/bin/time -f '%e %M' dotnet src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll "$@" >/dev/null; } 2>&1 | tail -n 1)
    walls+=("${line% *}")
    [ "${line#* }" -gt "$rss" ] && rss=${line#* }
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" "$((rss / 1024))"
}

case $scenario in
  scan)
    bench generate "$work/repo" "$manifests" >/dev/null
    bench pack "$work/repo" "$work/snapshot.tar.gz" >/dev/null
    summary=$(imagewarmer scan "$work/repo" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["images"]), len(d["skipped"]), len(d["problems"]))')
    read -r images skipped problems <<<"$summary"
    echo "scan of $manifests manifests ($images images, $skipped skipped, $problems problems), median of $runs runs, $(nproc) cores:"
    echo "| input | wall time (median) | peak RSS |"
    echo "|---|---|---|"
    read -r wall rss < <(time_runs scan "$work/repo" --json); echo "| folder | ${wall} s | ${rss} MiB |"
    read -r wall rss < <(time_runs scan "$work/snapshot.tar.gz" --json); echo "| snapshot .tar.gz | ${wall} s | ${rss} MiB |"
    ;;
  *) echo "unknown scenario $scenario (scan)" >&2; exit 1 ;;
esac
