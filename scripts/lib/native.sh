# What a Native AOT build of the CLI needs, shared by publish.sh and release.sh (sourced, not run).

# Fails with what to install when the machine cannot link an executable for runtime $1.
native_prerequisites() {
  case $1 in
    linux-x64|linux-arm64) ;;
    *) echo "unknown runtime '$1' (linux-x64 or linux-arm64)" >&2; return 1 ;;
  esac
  command -v clang >/dev/null || { echo "Native AOT needs clang: apt-get install clang" >&2; return 1; }
  if [ "$1" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ] && ! command -v aarch64-linux-gnu-ld >/dev/null; then
    echo "Native AOT for linux-arm64 on $(uname -m) needs the arm64 cross linker and C library:" \
      "apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross" >&2
    return 1
  fi
}

# MSBuild properties for runtime $1: cross-linking for arm64 on another architecture (clang targets aarch64 and finds
# Debian's cross C library and GCC runtime; llvm-objcopy strips any architecture).
native_properties() {
  if [ "$1" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ]; then
    echo "-p:ObjCopyName=llvm-objcopy"
  fi
}

# Runs a build, shows its output on stderr (stdout stays for what the script prints), and fails when it printed a
# trim or AOT warning (IL2xxx, IL3xxx), whatever the project's warning settings say.
native_run() {
  local log
  log=$(mktemp)
  if ! "$@" 2>&1 | tee "$log" >&2; then rm -f "$log"; return 1; fi
  if grep -Eq 'warning IL[23][0-9]{3}' "$log"; then
    echo "trim or AOT warnings above: Native AOT builds must have none" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}
