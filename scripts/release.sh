#!/usr/bin/env bash
# Builds a release: the Native AOT executable per runtime as imagewarmer-<version>-<runtime>.tar.gz with SHA256SUMS
# (what scripts/install.sh and the action download), and the .NET tool packages: the top-level one, one per native
# runtime, and imagewarmer.any, the framework-dependent build `dotnet tool install imagewarmer` falls back to where no
# native one fits (Windows, macOS; it needs the .NET 10 runtime there). One AOT compilation per runtime serves both:
# the tarball holds the executable of the runtime's package.
# Usage: scripts/release.sh [output folder] [runtime...]
#   default: artifacts/release, and every native runtime the project's ToolPackageRuntimeIdentifiers lists
#   (linux-x64 linux-arm64: the list the top-level package points to, and the runtimes scripts/install.sh maps
#   `uname -m` to; `release.sh --runtimes` prints it).
# linux-arm64 on an x64 machine needs apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross (see publish.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/native.sh
project=src/ImageWarmer.Cli
# The native runtimes the top-level package points to ("any" is the framework-dependent fallback, packed below).
native_runtimes() {
  dotnet msbuild "$project" -getProperty:ToolPackageRuntimeIdentifiers -nologo | tr ';' '\n' | grep -vx 'any' | grep .
}
if [ "${1:-}" = --runtimes ]; then native_runtimes; exit 0; fi
out=${1:-artifacts/release}
shift || true
runtimes=("$@")
[ ${#runtimes[@]} -gt 0 ] || mapfile -t runtimes < <(native_runtimes)
for rid in "${runtimes[@]}"; do native_prerequisites "$rid"; done

version=$(dotnet msbuild "$project" -getProperty:Version -nologo)
rm -rf "$out" && mkdir -p "$out/packages"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

echo "imagewarmer $version: the top-level tool package" >&2
native_run dotnet pack "$project" -c Release -o "$out/packages" --nologo -v quiet
echo "imagewarmer $version: the framework-dependent fallback (imagewarmer.any)" >&2
native_run dotnet pack "$project" -c Release -r any -p:PublishAot=false -o "$out/packages" --nologo -v quiet
for rid in "${runtimes[@]}"; do
  echo "imagewarmer $version: Native AOT for $rid" >&2
  native_run dotnet pack "$project" -c Release -r "$rid" -p:PublishAot=true $(native_properties "$rid") \
    -o "$out/packages" --nologo -v quiet
  mkdir -p "$stage/$rid"
  unzip -q -j -o "$out/packages/imagewarmer.$rid.$version.nupkg" "tools/*/$rid/imagewarmer" -d "$stage/$rid"
  chmod 755 "$stage/$rid/imagewarmer"
  tar -czf "$out/imagewarmer-$version-$rid.tar.gz" -C "$stage/$rid" --owner=0 --group=0 imagewarmer
done
(cd "$out" && sha256sum imagewarmer-*.tar.gz >SHA256SUMS)
cat "$out/SHA256SUMS" >&2
echo "$out"
