#!/usr/bin/env bash
# README's test command: installs what the tests need (Azurite from npm, docker-registry and skopeo
# from Debian), starts them on free loopback ports, runs every test of the solution, stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

trap services_stop EXIT
services_start
dotnet test ImageWarmer.sln --nologo "$@"
