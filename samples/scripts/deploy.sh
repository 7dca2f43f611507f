#!/usr/bin/env bash
# Pulls the images listed in ../imagewarmer.yaml (from ACR, once ImageWarmer keeps them warm).
set -euo pipefail
docker run --rm "${ACR_NAME}.azurecr.io/hashicorp/terraform:1.9.8" version
