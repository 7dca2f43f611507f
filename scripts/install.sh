#!/usr/bin/env bash
# Installs the `imagewarmer` executable (Native AOT, no .NET needed to run it) and prints its path. The action's first
# step (action.yml) runs it; so can a devcontainer or any pipeline:
#   scripts/install.sh --version 0.3.0     # a released executable, checksum verified (SHA256SUMS of the release)
#   scripts/install.sh                     # built from this copy of the source (needs the .NET 10 SDK and clang)
#   curl -fsSL https://raw.githubusercontent.com/OWNER/imagewarmer/v0.3.0/scripts/install.sh \
#     | bash -s -- --version 0.3.0 --repository OWNER/imagewarmer --bin /usr/local/bin      # a devcontainer, no .NET
# Options (or environment): --version V (IMAGEWARMER_VERSION); --repository OWNER/NAME, whose GitHub release v<V> holds
# the files (default the action's own repository); --release-url URL, the folder holding the release's files instead
# (IMAGEWARMER_RELEASE_URL: a mirror); --bin DIR, also copy the executable there; --sha256 HASH, the tarball's
# expected hash, pinned by the caller (IMAGEWARMER_SHA256); --dir DIR, where to cache builds
# (IMAGEWARMER_CACHE; default the runner's tool cache, else ~/.cache/imagewarmer); --print-dir: print the folder this
# call would install into (its cache key made visible) and install nothing.
# Each build is cached by what it was made from: a release by version and runtime, a source build by a hash of the
# source files (a downloaded action has no .git, and a branch ref names different code over time).
# On GitHub Actions the folder is added to GITHUB_PATH and the executable's path written to GITHUB_OUTPUT (path=).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=${IMAGEWARMER_VERSION:-}
release_url=${IMAGEWARMER_RELEASE_URL:-}
pinned=${IMAGEWARMER_SHA256:-}
print_dir=false
repository=${GITHUB_ACTION_REPOSITORY:-}
bin=
cache=${IMAGEWARMER_CACHE:-${RUNNER_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}}/imagewarmer}
while [ $# -gt 0 ]; do
  case $1 in
    --version) version=${2:?--version needs a value}; shift 2 ;;
    --release-url) release_url=${2:?--release-url needs a value}; shift 2 ;;
    --sha256) pinned=${2:?--sha256 needs a value}; shift 2 ;;
    --dir) cache=${2:?--dir needs a value}; shift 2 ;;
    --repository) repository=${2:?--repository needs a value}; shift 2 ;;
    --bin) bin=${2:?--bin needs a value}; shift 2 ;;
    --print-dir) print_dir=true; shift ;;
    *) echo "install.sh: unknown option '$1' (--version, --repository, --release-url, --sha256, --dir, --bin, --print-dir)" >&2; exit 1 ;;
  esac
done
version=${version#v}

# The native runtimes are Linux's (scripts/release.sh's list); elsewhere the .NET tool's framework-dependent build runs.
case "$(uname -s) $(uname -m)" in
  "Linux x86_64"|"Linux amd64") rid=linux-x64 ;;
  "Linux aarch64"|"Linux arm64") rid=linux-arm64 ;;
  *) echo "install.sh: no native imagewarmer for $(uname -s) $(uname -m) (linux-x64, linux-arm64);" \
       "with .NET 10 there: dotnet tool install --global imagewarmer (the framework-dependent build)" >&2; exit 1 ;;
esac

# A release's tarball, verified against the release's SHA256SUMS (and the caller's pinned hash, if any).
install_release() {
  local dir=$cache/$version-$rid name=imagewarmer-$version-$rid.tar.gz
  $print_dir && { echo "$dir"; return; }
  [ -x "$dir/imagewarmer" ] && { echo "$dir"; return; }
  if [ -z "$release_url" ]; then
    [ -n "$repository" ] || { echo "install.sh: name where the release is: --repository OWNER/NAME or --release-url URL" >&2; return 1; }
    release_url=https://github.com/$repository/releases/download/v$version
  fi
  local download
  download=$(mktemp -d)
  trap 'rm -rf "$download"' RETURN
  echo "downloading $release_url/$name" >&2
  curl -fsSL --retry 3 -o "$download/$name" "$release_url/$name" \
    || { echo "install.sh: imagewarmer $version for $rid is not at $release_url/$name" >&2; return 1; }
  curl -fsSL --retry 3 -o "$download/SHA256SUMS" "$release_url/SHA256SUMS" \
    || { echo "install.sh: the release has no SHA256SUMS at $release_url" >&2; return 1; }
  local expected actual
  expected=$(awk -v n="$name" '$2 == n || $2 == "*" n { print $1 }' "$download/SHA256SUMS")
  actual=$(sha256sum "$download/$name" | cut -d' ' -f1)
  [ -n "$expected" ] || { echo "install.sh: SHA256SUMS does not list $name" >&2; return 1; }
  if [ "$actual" != "$expected" ] || { [ -n "$pinned" ] && [ "$actual" != "$pinned" ]; }; then
    echo "install.sh: checksum mismatch for $name: got $actual, expected ${pinned:-$expected}; nothing installed" >&2
    return 1
  fi
  mkdir -p "$download/x" "$cache"
  tar -xzf "$download/$name" -C "$download/x" --no-same-owner imagewarmer
  chmod 755 "$download/x/imagewarmer"
  rm -rf "$dir" && mv "$download/x" "$dir"
  echo "$dir"
}

# A hash of what a build from source is made of, so that another source never reuses this build.
source_hash() {
  (cd "$root" && find src/ImageWarmer.Core src/ImageWarmer.Cli scripts/publish.sh scripts/lib/native.sh \
      Directory.Build.props Directory.Packages.props global.json -type f \
      ! -path '*/bin/*' ! -path '*/obj/*' -print0 2>/dev/null \
    | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

install_source() {
  local dir
  dir=$cache/source-$(source_hash)-$rid
  $print_dir && { echo "$dir"; return; }
  [ -x "$dir/imagewarmer" ] && { echo "$dir"; return; }
  echo "building imagewarmer from $root (Native AOT; once per source version)" >&2
  "$root/scripts/publish.sh" "$rid" "$dir.tmp" >&2
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  echo "$dir"
}

if [ -n "$version" ]; then dir=$(install_release); else dir=$(install_source); fi
$print_dir && { echo "$dir"; exit 0; }
if [ -n "$bin" ]; then
  mkdir -p "$bin" && cp "$dir/imagewarmer" "$bin/imagewarmer.tmp" && mv "$bin/imagewarmer.tmp" "$bin/imagewarmer"
  dir=$bin
fi
[ -n "${GITHUB_PATH:-}" ] && echo "$dir" >>"$GITHUB_PATH"
[ -n "${GITHUB_OUTPUT:-}" ] && echo "path=$dir/imagewarmer" >>"$GITHUB_OUTPUT"
echo "$dir/imagewarmer"
