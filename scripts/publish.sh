#!/usr/bin/env bash
# Publishes the `imagewarmer` executable as one Native AOT file for pipelines and devcontainers (no .NET needed where it
# runs; start-up in tens of milliseconds).
# Usage: scripts/publish.sh [linux-x64|linux-arm64] [output folder]   (default: linux-x64, artifacts/<rid>)
# Needs clang; linux-arm64 on an x64 machine also needs the arm64 cross linker and C library
# (Debian: apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross).
# A trim or AOT warning (IL2xxx, IL3xxx) fails the publish: the executable must not depend on reflection it cannot do.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native.sh
rid=${1:-linux-x64}
out=${2:-artifacts/$rid}
native_prerequisites "$rid"
native_run dotnet publish src/ImageWarmer.Cli -c Release -r "$rid" -p:PublishAot=true $(native_properties "$rid") -o "$out" --nologo -v quiet
# Only the executable is needed; debug symbols and XML docs stay behind.
find "$out" -maxdepth 1 -type f ! -name imagewarmer -delete
echo "$out/imagewarmer"
