#!/usr/bin/env bash
# ImageWarmer's benchmarks. Usage: bench/run.sh scan|plan|warm|ensure|hostile|all [--manifests N] [--images N] [--runs N] [--pages N]
#   all: every scenario below, one after the other, in one run (what README's Performance section shows).
#   scan: generate a repository of N manifests (default 10,000), pack it as a snapshot .tar.gz, and time
#         `imagewarmer scan` on the folder and on the archive, each run a fresh process as pipelines run it:
#         median wall time over the runs and peak RSS (GNU time). skopeo has no manifest scanning, so there is
#         no side-by-side here.
#   plan: start two local registries (upstream plays Docker Hub, target plays ACR), push N images (default
#         1,000) to both (the steady state), and find out what the target lacks, twice: `imagewarmer plan`, and
#         `skopeo inspect --raw` of source and target per image (16 at a time) as a pipeline script would. Wall
#         time, and the requests and manifest GETs (Docker Hub's pulls) the upstream registry's access log saw.
#         Once with immutable version tags, once with floating tags.
#   warm: `imagewarmer warm` (OCI copy; the native executable of scripts/publish.sh, as pipelines and operators run
#         it) against `skopeo sync --all --preserve-digests` on the same two registries, each into its own namespace
#         of the target: (a) the empty run (zero images: start-up alone); (b) steady state, 100 and --images (1,000)
#         images already copied by that tool; (c) cold, 200 images of one 1 MiB layer each; (d) one image with a
#         1 GiB layer. Median wall time of --runs runs (cold runs go to fresh namespaces), CPU seconds (user +
#         system), peak RSS (GNU time), requests to each registry and manifest GETs upstream (access logs), and the
#         ratios imagewarmer/skopeo of wall time and CPU.
#   hostile: a hostile upstream floods one image's referrers API with --pages (default 60) pages of ~4 MiB; peak RSS
#         (GNU time) of `imagewarmer warm` with its referrer cap and with the cap lifted, and of `skopeo copy` of the
#         image (skopeo does not read the referrers API), and how many pages each asked for.
#   ensure: the pipeline gate, as a pipeline runs it (a fresh process each time), side by side with skopeo: (a) one
#         `imagewarmer ensure` of an image the target holds (verified against upstream: a HEAD to each registry) against
#         `skopeo inspect --raw` of the same tag; (b) `imagewarmer ensure --manifests` over a 40-image bundle against a
#         shell loop of 40 `skopeo inspect --raw`. The native (AOT) executable of scripts/publish.sh, and the managed
#         one (`dotnet imagewarmer.dll`) for reference; median wall time of --runs runs.
set -euo pipefail
cd "$(dirname "$0")/.."

scenario=${1:-scan}; shift || true
manifests=10000; images=1000; runs=5
while [ $# -gt 0 ]; do
  case $1 in
    --manifests) manifests=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --images) images=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
command -v /usr/bin/time >/dev/null || { echo "bench needs GNU time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d -t imagewarmer-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet build bench/ImageWarmer.Bench -c Release -v quiet -nologo >/dev/null
dotnet build src/ImageWarmer.Cli -c Release -v quiet -nologo >/dev/null
bench() { dotnet bench/ImageWarmer.Bench/bin/Release/net10.0/ImageWarmer.Bench.dll "$@"; }
imagewarmer() { dotnet src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll "$@"; }

# Prints "median_seconds max_rss_mib" of `imagewarmer "$@"` over $runs fresh processes.
time_runs() {
  local walls=() rss=0 line
  for _ in $(seq 1 "$runs"); do
    line=$( { /usr/bin/time -f '%e %M' dotnet src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll "$@" >/dev/null; } 2>&1 | tail -n 1)
    walls+=("${line% *}")
    [ "${line#* }" -gt "$rss" ] && rss=${line#* }
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" "$((rss / 1024))"
}

case $scenario in
  scan)
    bench generate "$work/repo" "$manifests" >/dev/null
    bench pack "$work/repo" "$work/snapshot.tar.gz" >/dev/null
    summary=$(imagewarmer scan "$work/repo" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["images"]), len(d["skipped"]), len(d["problems"]))')
    read -r images skipped problems <<<"$summary"
    echo "scan of $manifests manifests ($images images, $skipped skipped, $problems problems), median of $runs runs, $(nproc) cores:"
    echo "| input | wall time (median) | peak RSS |"
    echo "|---|---|---|"
    read -r wall rss < <(time_runs scan "$work/repo" --json); echo "| folder | ${wall} s | ${rss} MiB |"
    read -r wall rss < <(time_runs scan "$work/snapshot.tar.gz" --json); echo "| snapshot .tar.gz | ${wall} s | ${rss} MiB |"
    ;;
  plan)
    source scripts/lib/services.sh
    trap 'services_stop; rm -rf "$work"' EXIT
    services_start >/dev/null 2>&1
    upstream=$IMAGEWARMER_TEST_UPSTREAM_REGISTRY; target=$IMAGEWARMER_TEST_TARGET_REGISTRY
    log="$IMAGEWARMER_TEST_SERVICES_DIR/upstream-registry.log"
    requests() { grep -cE '"(GET|HEAD|POST|PUT|PATCH) /v2/' "$log" || true; }
    manifest_gets() { grep -cE '"GET /v2/[^ ]*/manifests/' "$log" || true; }
    echo "plan of $images images already in the target, $(nproc) cores; upstream requests from the registry's access log:"
    echo "| tags | tool | wall time | upstream requests | upstream manifest GETs (pulls) |"
    echo "|---|---|---|---|---|"
    for kind in immutable floating; do
      bench seed-catalog "$work/$kind" "$images" "$images" "$kind" "$upstream" "$target" >/dev/null
      r0=$(requests); g0=$(manifest_gets); t0=$(date +%s.%N)
      imagewarmer plan --manifests "$work/$kind" --registry "$target" --endpoint "docker.io=http://$upstream" --json >"$work/plan-$kind.json" || true
      t1=$(date +%s.%N); r1=$(requests); g1=$(manifest_gets)
      present=$(grep -c '"status": "present"' "$work/plan-$kind.json" || true)
      printf '| %s | imagewarmer plan (%s/%s present) | %.2f s | %d | %d |\n' "$kind" "$present" "$images" "$(awk "BEGIN{print $t1 - $t0}")" $((r1 - r0)) $((g1 - g0))
      sed -n 's|^  - docker.io/||p' "$work/$kind/imagewarmer.yaml" >"$work/$kind.list"
      t0=$(date +%s.%N)
      xargs -P 16 -I{} sh -c "a=\$(skopeo inspect --raw --tls-verify=false docker://$upstream/{} | sha256sum); b=\$(skopeo inspect --raw --tls-verify=false docker://$target/{} | sha256sum); [ \"\$a\" = \"\$b\" ] && echo present" <"$work/$kind.list" >"$work/skopeo-$kind.out" || true
      t1=$(date +%s.%N); r2=$(requests); g2=$(manifest_gets)
      printf '| %s | skopeo inspect per image (%s/%s present) | %.2f s | %d | %d |\n' "$kind" "$(grep -c present "$work/skopeo-$kind.out" || true)" "$images" "$(awk "BEGIN{print $t1 - $t0}")" $((r2 - r1)) $((g2 - g1))
    done
    ;;
  warm)
    source scripts/lib/services.sh
    trap 'services_stop; rm -rf "$work"' EXIT
    services_start >/dev/null 2>&1
    upstream=$IMAGEWARMER_TEST_UPSTREAM_REGISTRY; target=$IMAGEWARMER_TEST_TARGET_REGISTRY
    ulog="$IMAGEWARMER_TEST_SERVICES_DIR/upstream-registry.log"; tlog="$IMAGEWARMER_TEST_SERVICES_DIR/target-registry.log"
    native=$(scripts/publish.sh linux-x64 "$work/native" | tail -n 1)
    count() { grep -cE "$2" "$1" || true; }
    # Runs "$@" under GNU time; prints "wall rss_mib cpu_seconds upstream_requests upstream_manifest_gets target_requests".
    measure() {
      local u0 g0 t0 line wall rss user sys
      u0=$(count "$ulog" '"[A-Z]+ /v2/'); g0=$(count "$ulog" '"GET /v2/[^ ]*/manifests/'); t0=$(count "$tlog" '"[A-Z]+ /v2/')
      /usr/bin/time -o "$work/time.out" -f '%e %M %U %S' "$@" >/dev/null 2>"$work/last.err" || true
      read -r wall rss user sys < <(tail -n 1 "$work/time.out")
      echo "$wall $(( rss / 1024 )) $(awk "BEGIN{printf \"%.2f\", $user + $sys}") $(( $(count "$ulog" '"[A-Z]+ /v2/') - u0 )) $(( $(count "$ulog" '"GET /v2/[^ ]*/manifests/') - g0 )) $(( $(count "$tlog" '"[A-Z]+ /v2/') - t0 ))"
    }
    iw() { measure "$native" warm --manifests "$1" --registry "$target" --endpoint "docker.io=http://$upstream" --target-prefix "$2" --json; }
    # skopeo remembers across runs where it has seen each blob (its blob-info cache) and mounts from there; a cold
    # run starts without that memory, as imagewarmer's (per process) does.
    sk() {
      [ "${3:-}" = cold ] && rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb "$HOME/.local/share/containers/cache/blob-info-cache-v1.boltdb"
      measure skopeo sync --all --preserve-digests --src yaml --dest docker --dest-tls-verify=false "$1/sync.yaml" "$target/$2"
    }
    sync_yaml() { # catalog -> skopeo sync YAML source
      { echo "$upstream:"; echo "  tls-verify: false"; echo "  images:"
        sed -n 's|^  - docker.io/||p' "$1/imagewarmer.yaml" | awk -F: '{tags[$1]=tags[$1] (tags[$1]==""?"":", ") "\""$2"\""} END {for (r in tags) print "    " r ": [" tags[r] "]"}'
      } >"$1/sync.yaml"; }
    # Runs a tool $runs times (fresh target namespaces unless steady), prints its row with the median wall time
    # (CPU, RSS and requests from that same run), then the ratios.
    compare() { # scenario catalog namespace steady
      local scenario=$1 catalog=$2 ns=$3 steady=$4 tool results median iw_wall iw_cpu
      for tool in iw sk; do
        [ "$steady" = yes ] && $tool "$catalog" "$ns-$tool" >/dev/null
        results=$(for i in $(seq 1 "$runs"); do
          if [ "$steady" = yes ]; then $tool "$catalog" "$ns-$tool"; else $tool "$catalog" "$ns-$tool-$i" cold; fi
        done | sort -n)
        median=$(echo "$results" | sed -n "$(( (runs + 1) / 2 ))p")
        set -- $median
        printf '| %s | %s | %s s | %s s | %s MiB | %s | %s | %s |\n' "$scenario" "$([ $tool = iw ] && echo "imagewarmer warm" || echo "skopeo sync")" $1 $3 $2 $4 $5 $6
        if [ $tool = iw ]; then iw_wall=$1; iw_cpu=$3; else
          printf '| %s | ratio imagewarmer/skopeo | %s | %s | | | | |\n' "$scenario" \
            "$(awk "BEGIN{printf \"%.2f\", $iw_wall / $1}")" "$(awk "BEGIN{printf \"%.2f\", $iw_cpu / ($3 > 0 ? $3 : 0.01)}")"; fi
      done
    }
    echo "warm on $(nproc) cores, median of $runs runs, each a fresh process; requests from the registries' access logs:"
    echo "| scenario | tool | wall time | CPU (user+sys) | peak RSS | upstream requests | upstream manifest GETs (pulls) | target requests |"
    echo "|---|---|---|---|---|---|---|---|"
    mkdir -p "$work/empty"; printf 'images: []\n' >"$work/empty/imagewarmer.yaml"
    for tool in native managed; do
      results=$(for i in $(seq 1 "$runs"); do
        if [ $tool = native ]; then measure "$native" plan --manifests "$work/empty" --registry "$target" --json
        else measure dotnet src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll plan --manifests "$work/empty" --registry "$target" --json; fi
      done | sort -n)
      set -- $(echo "$results" | sed -n "$(( (runs + 1) / 2 ))p")
      printf '| empty run (plan of 0 images) | imagewarmer plan (%s) | %s s | %s s | %s MiB | %s | %s | %s |\n' "$tool" $1 $3 $2 $4 $5 $6
    done
    bench seed-catalog "$work/steady100" 100 0 immutable "$upstream" "$target" >/dev/null; sync_yaml "$work/steady100"
    compare "steady, 100 images" "$work/steady100" steady100 yes
    bench seed-catalog "$work/steady" "$images" 0 immutable "$upstream" "$target" >/dev/null; sync_yaml "$work/steady"
    compare "steady, $images images" "$work/steady" steady yes
    bench seed-catalog "$work/cold" 200 0 immutable "$upstream" "$target" 1024 >/dev/null; sync_yaml "$work/cold"
    compare "cold, 200 images of 1 MiB" "$work/cold" cold no
    bench seed-big "$upstream" bench/big 1.0.0 1024 >/dev/null
    mkdir -p "$work/big"; printf 'images:\n  - docker.io/bench/big:1.0.0\n' >"$work/big/imagewarmer.yaml"; sync_yaml "$work/big"
    compare "one 1 GiB layer" "$work/big" big no
    ;;
  ensure)
    source scripts/lib/services.sh
    trap 'services_stop; rm -rf "$work"' EXIT
    services_start >/dev/null 2>&1
    upstream=$IMAGEWARMER_TEST_UPSTREAM_REGISTRY; target=$IMAGEWARMER_TEST_TARGET_REGISTRY
    native=$(scripts/publish.sh linux-x64 "$work/native" | tail -n 1)
    bench seed-catalog "$work/bundle" 40 40 immutable "$upstream" "$target" >/dev/null
    sed -n 's|^  - docker.io/||p' "$work/bundle/imagewarmer.yaml" >"$work/bundle.list"
    first=$(head -n 1 "$work/bundle.list")
    # Prints the median wall time, in seconds, of $runs runs of "$@" (each must succeed).
    median() {
      for _ in $(seq 1 "$runs"); do
        local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; t1=$(date +%s.%N)
        awk "BEGIN{printf \"%.3f\n\", $t1 - $t0}"
      done | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
    }
    gate() { "$@" --registry "$target" --endpoint "docker.io=http://$upstream"; }
    skopeo_loop() { while read -r image; do skopeo inspect --raw --tls-verify=false "docker://$target/$image" >/dev/null || return 1; done <"$work/bundle.list"; }
    one_skopeo=$(median skopeo inspect --raw --tls-verify=false "docker://$target/$first")
    one_native=$(median gate "$native" ensure "$first")
    one_managed=$(median gate imagewarmer ensure "$first")
    loop_skopeo=$(median skopeo_loop)
    bundle_native=$(median gate "$native" ensure --manifests "$work/bundle")
    bundle_managed=$(median gate imagewarmer ensure --manifests "$work/bundle")
    ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
    echo "ensure on $(nproc) cores, median of $runs runs, each a fresh process:"
    echo "| scenario | tool | wall time | ratio to skopeo |"
    echo "|---|---|---|---|"
    echo "| one image present | skopeo inspect --raw | ${one_skopeo} s | 1.00 |"
    echo "| one image present | imagewarmer ensure (native) | ${one_native} s | $(ratio "$one_native" "$one_skopeo") |"
    echo "| one image present | imagewarmer ensure (managed, dotnet imagewarmer.dll) | ${one_managed} s | $(ratio "$one_managed" "$one_skopeo") |"
    echo "| 40-image bundle | shell loop of 40 skopeo inspect --raw | ${loop_skopeo} s | 1.00 |"
    echo "| 40-image bundle | imagewarmer ensure --manifests (native) | ${bundle_native} s | $(ratio "$bundle_native" "$loop_skopeo") |"
    echo "| 40-image bundle | imagewarmer ensure --manifests (managed) | ${bundle_managed} s | $(ratio "$bundle_managed" "$loop_skopeo") |"
    ;;
  hostile)
    # A hostile upstream floods the referrers API of one small image: $pages pages of just under 4 MiB each (the
    # most one page may be). Peak RSS of `imagewarmer warm` as it is (MaxReferrersPerSubject, 500) and with that cap
    # lifted (what it held before the cap: pages x page size), and of `skopeo copy` of the same image (skopeo 1.9.3
    # does not read the referrers API: the floor of a copy tool, not a like-for-like run). Referrer pages asked for
    # are counted from the hostile server's own log.
    source scripts/lib/services.sh
    pages=${pages:-60}
    server_pid=
    trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; services_stop; rm -rf "$work"' EXIT
    services_start >/dev/null 2>&1
    target=$IMAGEWARMER_TEST_TARGET_REGISTRY
    bench referrers-flood "$pages" >"$work/flood.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do grep -qE '^127\.0\.0\.1:[0-9]+$' "$work/flood.log" && break; sleep 0.1; done
    flood=$(grep -m 1 -E '^127\.0\.0\.1:[0-9]+$' "$work/flood.log")
    mkdir -p "$work/flood"; printf 'images:\n  - docker.io/team/app:1\n' >"$work/flood/imagewarmer.yaml"
    pages_asked() { grep -c '/referrers/' "$work/flood.log" || true; }
    row() { # label, then the command
      local label=$1 before wall rss; shift
      before=$(pages_asked)
      /usr/bin/time -o "$work/time.out" -f '%e %M' "$@" >"$work/last.out" 2>"$work/last.err" || true
      read -r wall rss < <(tail -n 1 "$work/time.out")
      printf '| %s | %s s | %s MiB | %s |\n' "$label" "$wall" "$(( rss / 1024 ))" "$(( $(pages_asked) - before ))"
    }
    cli=src/ImageWarmer.Cli/bin/Release/net10.0/imagewarmer.dll
    flood_args=(--manifests "$work/flood" --registry "$target" --endpoint "docker.io=http://$flood" --json)
    echo "referrers flood of $pages pages of ~4 MiB, one image, $(nproc) cores; managed build; peak RSS from GNU time:"
    echo "| tool | wall time | peak RSS | referrer pages read |"
    echo "|---|---|---|---|"
    row "imagewarmer warm (MaxReferrersPerSubject 500, the default)" dotnet "$cli" warm "${flood_args[@]}" --target-prefix capped
    row "imagewarmer warm, cap lifted (ImageWarmer__Registry__MaxReferrersPerSubject=100000000)" \
      env ImageWarmer__Registry__MaxReferrersPerSubject=100000000 dotnet "$cli" warm "${flood_args[@]}" --target-prefix uncapped
    row "skopeo copy (no referrers API)" skopeo copy --all --src-tls-verify=false --dest-tls-verify=false \
      "docker://$flood/team/app:1" "docker://$target/skopeo/team/app:1"
    ;;
  all)
    "$0" scan --manifests "$manifests" --runs "$runs"
    "$0" plan --images "$images"
    "$0" warm --images "$images" --runs 3
    "$0" ensure --runs 11
    "$0" hostile
    ;;
  *) echo "unknown scenario $scenario (scan, plan, warm, ensure, hostile, all)" >&2; exit 1 ;;
esac
