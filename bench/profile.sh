#!/usr/bin/env bash
# Where the CPU of one cold warm run goes (issue: know where the time goes before changing it). Usage: bench/profile.sh
# Starts the two local registries, seeds 200 images of one 1 MiB layer, and samples one cold `imagewarmer warm`
# (OCI copy) with Linux perf, twice: the managed build (`dotnet imagewarmer.dll`, JIT-compiled) and the native one
# (scripts/publish.sh's Native AOT, built here with its symbols). Prints, for each, the share of CPU samples by area:
# start-up and JIT, the runtime (type loading, GC, thread pool), DI and configuration, HTTP, hashing, JSON, logging,
# progress output, our own code, and the kernel (sockets, scheduling). Needs perf (Debian: linux-perf).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "bench/profile.sh needs perf: apt-get install linux-perf" >&2; exit 1; }
work=$(mktemp -d -t imagewarmer-profile.XXXXXX)
source scripts/lib/services.sh
trap 'services_stop; rm -rf "$work"' EXIT
services_start >/dev/null 2>&1
upstream=$IMAGEWARMER_TEST_UPSTREAM_REGISTRY; target=$IMAGEWARMER_TEST_TARGET_REGISTRY
dotnet build bench/ImageWarmer.Bench -c Release -v quiet -nologo >/dev/null
dotnet build src/ImageWarmer.Cli -c Release -v quiet -nologo >/dev/null
dotnet publish src/ImageWarmer.Cli -c Release -r linux-x64 -p:PublishAot=true -p:StripSymbols=false -o "$work/native" --nologo -v quiet >/dev/null
dotnet bench/ImageWarmer.Bench/bin/Release/net10.0/ImageWarmer.Bench.dll seed-catalog "$work/cold" 200 0 immutable "$upstream" "$target" 1024 >/dev/null

# Buckets perf's "dso symbol" lines (managed methods carry their namespace in the symbol) into areas.
areas() {
  awk '
    /^#/ || NF < 3 { next }
    { pct = $1; sub(/%/, "", pct); dso = $2; sym = ""; for (i = 3; i <= NF; i++) sym = sym " " $i
      area = "other"
      if (dso ~ /kallsyms/) area = "kernel (sockets, scheduling, page faults)"
      else if (dso ~ /libclrjit/) area = "start-up: JIT"
      else if (dso ~ /libcrypto|Cryptography/ || sym ~ /Cryptography|IncrementalHash|HashingReadStream/) area = "hashing (sha256)"
      else if (sym ~ /Net_Http|Net\.Http|Net_Sockets|Net\.Sockets|HttpConnection|Polly|Resilience/) area = "HTTP and sockets"
      else if (sym ~ /Text_Json|Text\.Json/) area = "JSON"
      else if (sym ~ /DependencyInjection|Configuration|Extensions_Options|Extensions\.Options/) area = "DI and configuration"
      else if (sym ~ /Extensions_Logging|Extensions\.Logging/) area = "logging"
      else if (sym ~ /Spectre/) area = "progress and tables"
      else if (sym ~ /ImageWarmer/) area = "ImageWarmer code"
      else if (dso ~ /libcoreclr|libc\.so|ld-linux/ || sym ~ /gc_heap|Rhp|WKS|SVR|GC_|ThreadPool|Monitor|S_P_CoreLib/) area = "runtime (type loading, GC, threads, CoreLib)"
      else if (dso ~ /doublemapper|perf-[0-9]+\.map/) area = "JIT-compiled code (unresolved)"
      share[area] += pct }
    END { for (a in share) printf "| %s | %.1f%% |\n", a, share[a] }' | sort -t'|' -k3 -rn
}

profile() { # label command...
  local label=$1; shift
  # The perf map names JIT-compiled methods; without W^X their code is where the map says it is.
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 999 -g -o "$work/$label.data" -- "$@" >/dev/null 2>&1
  echo "cold warm of 200 images of 1 MiB, $label build ($(perf report -i "$work/$label.data" --stdio 2>/dev/null | awk '/^# Samples:/ {print $3; exit}') CPU samples at 999 Hz):"
  echo "| area | share of CPU samples |"
  echo "|---|---|"
  perf report -i "$work/$label.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | areas
  echo
}
profile managed dotnet src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll warm --manifests "$work/cold" --registry "$target" \
  --endpoint "docker.io=http://$upstream" --target-prefix managed --json
profile native "$work/native/imagewarmer" warm --manifests "$work/cold" --registry "$target" \
  --endpoint "docker.io=http://$upstream" --target-prefix native --json
