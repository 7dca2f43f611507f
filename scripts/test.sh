#!/usr/bin/env bash
# README's test command: installs what the tests need (Azurite from npm, docker-registry, skopeo, clang, buildah
# and containerd from Debian), starts them on free loopback ports, runs every test of the solution, stops them. Each test is printed as
# it finishes (so a long test class shows its progress), then the "Passed!/Failed!" summary of each assembly.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

# The native (AOT) build of the CLI links with clang (tests/ImageWarmer.Cli.Tests/PublishedExecutableTests.cs): only
# the tests need it, so only this script installs it. buildah and containerd read through `imagewarmer mirror`'s files
# (tests/ImageWarmer.Cli.Tests/Mirror/MirrorBuildTests.cs).
ensure_debian_packages clang buildah containerd
trap services_stop EXIT
services_start
dotnet test ImageWarmer.sln --nologo --logger "console;verbosity=normal" "$@"
