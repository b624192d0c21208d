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
# is written next to it as build.log.
set -euo pipefail

count="${1:-400}"
configuration="${2:-Release}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/logreggen-analyzer-cost.XXXXXX")"
cleanup() { if [ "${KEEP:-0}" != "1" ]; then rm -rf "$work"; else echo "kept $work"; fi; }
trap cleanup EXIT

cat > "$work/AnalyzerCost.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <IsPackable>false</IsPackable>
    <!-- The generated models are large; only the analyzers' time matters here. -->
    <NoWarn>\$(NoWarn);LRG010</NoWarn>
  </PropertyGroup>
  <Import Project="$repo/eng/LogRegGen.ProjectReferences.props" />
</Project>
PROJECT

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
start=$(date +%s.%N)
dotnet build "$work/AnalyzerCost.csproj" -c "$configuration" -p:ReportAnalyzer=true -v:d -nologo > "$work/build.log" 2>&1 || {
  tail -n 40 "$work/build.log" >&2
  exit 1
}
end=$(date +%s.%N)

# The compiler's report for the project itself (the referenced projects report too): the block that
# follows "Total analyzer execution time" in the Csc task of AnalyzerCost.
report="$(awk '
  /Task "Csc"/ { incsc = 1; block = "" }
  incsc { block = block $0 "\n" }
  /Done executing task "Csc"/ { if (block ~ /AnalyzerCost\.dll/) last = block; incsc = 0 }
  END { printf "%s", last }
' "$work/build.log")"

echo "models: $count"
printf 'build wall time: %.1f s\n' "$(echo "$end - $start" | bc)"
echo "$report" | grep -E "Total analyzer execution time|Total generator execution time" | sed 's/^ *//'
# Per-analyzer lines: seconds, percent, name (the csc command line also names the assemblies; skip it).
timings="$(echo "$report" | grep -E "^[[:space:]]*[0-9.]+[[:space:]]+<?[0-9]+[[:space:]]+LogRegGen\." | sed 's/^ *//')"
echo "$timings"
declaration="$(echo "$timings" | grep -F "LogRegGen.Analyzers.DeclarationAnalyzer" | awk '{print $1}' | head -n 1)"
echo "DeclarationAnalyzer: ${declaration:-?} s"
