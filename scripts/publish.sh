#!/usr/bin/env bash
# Publishes the `imagewarmer` executable as one self-contained file for pipelines (no .NET needed on the runner).
# Usage: scripts/publish.sh [linux-x64|linux-arm64] [output folder]   (default: linux-x64, artifacts/<rid>)
#   linux-x64:   Native AOT (start-up in tens of milliseconds; needs clang, from Debian's packages).
#   linux-arm64: single file with ReadyToRun code: Native AOT for arm64 needs an arm64 linker and sysroot on the
#                build machine, which an x64 runner lacks; ReadyToRun still skips most of the JIT at start-up.
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${1:-linux-x64}
out=${2:-artifacts/$rid}
case $rid in
  linux-x64)
    command -v clang >/dev/null || { echo "Native AOT needs clang: apt-get install clang" >&2; exit 1; }
    dotnet publish src/ImageWarmer.Cli -c Release -r "$rid" -p:PublishAot=true -o "$out" --nologo -v quiet ;;
  linux-arm64)
    dotnet publish src/ImageWarmer.Cli -c Release -r "$rid" --self-contained -p:PublishSingleFile=true \
      -p:PublishReadyToRun=true -p:EnableCompressionInSingleFile=false -o "$out" --nologo -v quiet ;;
  *) echo "unknown runtime '$rid' (linux-x64 or linux-arm64)" >&2; exit 1 ;;
esac
# Only the executable is needed; debug symbols and XML docs stay behind.
find "$out" -maxdepth 1 -type f ! -name imagewarmer -delete
echo "$out/imagewarmer"
