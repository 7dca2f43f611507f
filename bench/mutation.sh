#!/usr/bin/env bash
# Mutation testing of the files that carry ImageWarmer's guarantees (docs/testing.md): Stryker.NET 5.1.0 mutates the
# files listed in stryker-config.json and runs, for each mutant, the tests of every test project that cover it, with
# the real servers up (scripts/lib/services.sh). Prints the score per file and in total. Not in CI: an hour or more
# on 2 cores.
#
# Usage: bench/mutation.sh [--core-tests] [stryker options]   e.g. bench/mutation.sh --mutate '**/Warming/WarmService.cs'
#   --core-tests   only Core's own tests (tests/ImageWarmer.Core.Tests) judge the mutants: the issue 17 baseline's
#                  method, and a lower bound for the score with every project (about 40 minutes instead of well
#                  over an hour: the Functions host's conformance tests take half a minute per mutant they cover).
# The full report (HTML and JSON) lands in StrykerOutput/<date>/reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

STRYKER_VERSION="5.1.0"
[ -f dotnet-tools.json ] || [ -f .config/dotnet-tools.json ] || dotnet new tool-manifest >/dev/null
if ! dotnet tool list --local | grep -q "dotnet-stryker *$STRYKER_VERSION"; then
  dotnet tool install dotnet-stryker --version "$STRYKER_VERSION" >/dev/null
fi
dotnet tool restore >/dev/null

trap services_stop EXIT
services_start

output="$PWD/StrykerOutput/$(date -u +%Y-%m-%dT%H%M%S)"
if [ "${1:-}" = "--core-tests" ]; then
  shift
  # Stryker's project mode: the same files and settings, run from the test project, without the solution.
  mkdir -p "$output"
  node -e 'const c = require(process.argv[1])["stryker-config"]; delete c.solution; delete c["test-case-filter"];
    require("fs").writeFileSync(process.argv[2], JSON.stringify({ "stryker-config": c }, null, 2));' \
    "$PWD/stryker-config.json" "$output/stryker-config.core-tests.json"
  (cd tests/ImageWarmer.Core.Tests && dotnet tool run dotnet-stryker --config-file "$output/stryker-config.core-tests.json" --output "$output" "$@")
else
  dotnet tool run dotnet-stryker --config-file stryker-config.json --output "$output" "$@"
fi

# The score per file: killed and timed out over everything that could have been caught (survived, not covered).
node - "$output/reports/mutation-report.json" <<'JS'
const report = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const rows = []; const all = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
for (const [path, file] of Object.entries(report.files)) {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  for (const m of file.mutants) {
    const key = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' }[m.status];
    if (key) { c[key]++; all[key]++; }
  }
  rows.push([path.replace(/.*src\/ImageWarmer\.Core\//, ''), c]);
}
const tested = c => c.killed + c.timeout + c.survived + c.noCoverage;
const score = c => tested(c) ? (100 * (c.killed + c.timeout) / tested(c)).toFixed(1) + '%' : 'n/a';
console.log('| file | score | killed | timeout | survived | no coverage |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [path, c] of rows.filter(([, c]) => tested(c) > 0).sort((a, b) => a[0].localeCompare(b[0])))
  console.log(`| ${path} | ${score(c)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} |`);
console.log(`| **all (${tested(all)} mutants tested)** | **${score(all)}** | ${all.killed} | ${all.timeout} | ${all.survived} | ${all.noCoverage} |`);
JS
