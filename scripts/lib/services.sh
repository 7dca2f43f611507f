# Shared by scripts/test.sh and scripts/run-local.sh: installs and starts the real servers that
# ImageWarmer talks to locally (Azurite, Debian's docker-registry) on free loopback ports.
# Source it, call `services_start`, and `trap services_stop EXIT`.

AZURITE_VERSION="3.35.0"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
SERVICES_DIR=""
SERVICE_PIDS=()

log() { printf '[services] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root (or sudo) to run: $*"; return 1; fi
}

# Installs the Debian packages named (by their command) that are missing.
ensure_debian_packages() {
  local missing=() command
  for command in "$@"; do command -v "$command" >/dev/null || missing+=("$command"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_azurite() {
  if [ ! -x "$TOOLS_DIR/azurite/node_modules/.bin/azurite" ]; then
    log "installing azurite@$AZURITE_VERSION from npm into .tools/azurite"
    mkdir -p "$TOOLS_DIR/azurite"
    npm install --prefix "$TOOLS_DIR/azurite" --no-audit --no-fund --loglevel=error \
      "azurite@$AZURITE_VERSION" >/dev/null
  fi
  AZURITE_BIN="$TOOLS_DIR/azurite/node_modules/.bin/azurite"
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Sets FREE_PORT to a port nobody listens on and that this script has not handed out yet.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if port_is_free "$port" && [[ " ${TAKEN_PORTS:-} " != *" $port "* ]]; then
      TAKEN_PORTS="${TAKEN_PORTS:-} $port"
      FREE_PORT=$port
      return 0
    fi
  done
  log "no free loopback port found"; return 1
}

# Waits until a TCP port accepts connections, or fails after $2 seconds (default 30).
wait_for_port() {
  local port=$1 limit=${2:-30} name=$3 pid=${4:-}
  for _ in $(seq 1 $((limit * 10))); do
    if ! port_is_free "$port"; then return 0; fi
    # A server that exited (e.g. a port taken meanwhile) will not listen: say so now, not after the limit.
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  log "$name did not listen on 127.0.0.1:$port within ${limit}s; its log:"
  cat "$SERVICES_DIR/$name.log" >&2 || true
  return 1
}

# Sets REGISTRY_ADDRESS (not echoed: a command substitution would run it in a subshell and lose the pid).
start_registry() {
  local name=$1 port
  free_port; port=$FREE_PORT
  mkdir -p "$SERVICES_DIR/$name/data"
  sed -e "s|@ROOT@|$SERVICES_DIR/$name/data|" -e "s|@ADDRESS@|127.0.0.1:$port|" \
    "$REPO_ROOT/scripts/lib/docker-registry.yml" >"$SERVICES_DIR/$name/config.yml"
  docker-registry serve "$SERVICES_DIR/$name/config.yml" >"$SERVICES_DIR/$name.log" 2>&1 &
  SERVICE_PIDS+=($!)
  wait_for_port "$port" 30 "$name"
  REGISTRY_ADDRESS="127.0.0.1:$port"
}

start_azurite() {
  local blob queue table pid attempt
  # Another process may take a port between free_port's check and Azurite's bind (EADDRINUSE): try other ports.
  for attempt in 1 2 3; do
    free_port; blob=$FREE_PORT; free_port; queue=$FREE_PORT; free_port; table=$FREE_PORT
    mkdir -p "$SERVICES_DIR/azurite"
    "$AZURITE_BIN" --silent --skipApiVersionCheck --loose --location "$SERVICES_DIR/azurite" \
      --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" >"$SERVICES_DIR/azurite.log" 2>&1 &
    pid=$!
    if wait_for_port "$blob" 60 azurite "$pid" && wait_for_port "$queue" 60 azurite "$pid" \
      && wait_for_port "$table" 60 azurite "$pid"; then
      SERVICE_PIDS+=("$pid")
      break
    fi
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    [ "$attempt" -lt 3 ] || return 1
    log "azurite did not start (attempt $attempt); trying other ports"
  done
  local account=devstoreaccount1
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"
}

# Starts Azurite and two registries (one plays Docker Hub, one plays ACR) and exports where they are.
services_start() {
  ensure_debian_packages docker-registry skopeo
  ensure_azurite
  SERVICES_DIR=$(mktemp -d -t imagewarmer-services.XXXXXX)
  start_azurite || { log "azurite did not start"; return 1; }
  export IMAGEWARMER_TEST_STORAGE="$AZURITE_CONNECTION_STRING"
  start_registry upstream-registry; IMAGEWARMER_TEST_UPSTREAM_REGISTRY=$REGISTRY_ADDRESS
  start_registry target-registry; IMAGEWARMER_TEST_TARGET_REGISTRY=$REGISTRY_ADDRESS
  export IMAGEWARMER_TEST_UPSTREAM_REGISTRY IMAGEWARMER_TEST_TARGET_REGISTRY
  export IMAGEWARMER_TEST_SERVICES_DIR="$SERVICES_DIR"
  log "azurite blob/queue/table up; registries: upstream=$IMAGEWARMER_TEST_UPSTREAM_REGISTRY target=$IMAGEWARMER_TEST_TARGET_REGISTRY"
}

services_stop() {
  local pid
  for pid in "${SERVICE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVICE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "$SERVICES_DIR" ] && rm -rf "$SERVICES_DIR"
}
