#!/usr/bin/env bash
# Measures the declaration analyzer on one namespace holding many [LogisticModel] types.
#
# Writes a throwaway project with N (default 400) record structs marked [LogisticModel], all in one
# namespace, that references this repository's runtime, generator, analyzers and code fixes exactly as
# the samples do (eng/LogRegGen.ProjectReferences.props), builds it once with -p:ReportAnalyzer=true,
# and prints the analyzer times the compiler reports, the DeclarationAnalyzer's first.
#
#   eng/build-cost/analyzer-400-models.sh [N] [configuration]
#
# The project lives in a temporary folder (removed afterwards unless KEEP=1) and the full build log
# is written next to it as build.log (see analyzer-report.sh).
set -euo pipefail

count="${1:-400}"
configuration="${2:-Release}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/logreggen-analyzer-cost.XXXXXX")"
cleanup() { if [ "${KEEP:-0}" != "1" ]; then rm -rf "$work"; else echo "kept $work"; fi; }
trap cleanup EXIT

source "$repo/eng/build-cost/analyzer-report.sh"
write_project "$work" AnalyzerCost "$repo"

{
  echo "using LogRegGen;"
  echo
  echo "namespace AnalyzerCost;"
  echo
  for ((i = 0; i < count; i++)); do
    echo "[LogisticModel]"
    echo "public readonly record struct Row$i(float A, float B, int C, [Label] bool Y);"
    echo
  done
} > "$work/Rows.cs"

echo "Building $count models in one namespace ($configuration)..." >&2
echo "models: $count"
build_and_report "$work" AnalyzerCost "$configuration" DeclarationAnalyzer
