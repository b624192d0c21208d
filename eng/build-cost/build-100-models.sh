#!/usr/bin/env bash
# Build cost of LogRegGen, measured as a user meets it: pack the package from this checkout, make two
# console projects with the same 100 records (n = 1 ... 100 features of mixed member types, a bool
# label), one with [LogisticModel] on every record and one without, and time `dotnet build` of each:
# a full build and a rebuild after an edit to an unrelated file. Also counts the generated lines and
# lists the slowest analyzers and generators (-p:ReportAnalyzer=true).
#
#   bash eng/build-cost/build-100-models.sh [models]      # models defaults to 100
#
# Prints a Markdown table. Takes a few minutes; run nothing else meanwhile (2 cores).
set -euo pipefail

models="${1:-100}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/logreggen-build-cost.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1

version="0.1.0-buildcost.$(date -u +%Y%m%d%H%M%S)"
echo "packing LogRegGen $version ..." >&2
dotnet pack "$repo/src/Runtime/LogRegGen.Runtime.csproj" -c Release -o "$work/feed" -p:Version="$version" >"$work/pack.log" 2>&1 \
    || { cat "$work/pack.log" >&2; exit 1; }

# One project: $1 = folder, $2 = "yes" to mark the records [LogisticModel].
make_project() {
    local dir="$1" attribute="$2"
    mkdir -p "$dir/Rows"
    cat >"$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
XML
    cat >"$dir/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <RestorePackagesPath>$work/packages</RestorePackagesPath>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LogRegGen" Version="$version" />
  </ItemGroup>
</Project>
XML
    cat >"$dir/Program.cs" <<'CS'
System.Console.WriteLine("built");
CS
    local types=(float double int float long float short byte double float)
    for ((k = 1; k <= models; k++)); do
        local n=$(( (k - 1) % 100 + 1 ))
        {
            echo "namespace App.Rows;"
            echo
            [[ "$attribute" == yes ]] && echo "[LogRegGen.LogisticModel]"
            echo "public partial record struct Row$k"
            echo "{"
            for ((j = 0; j < n; j++)); do
                echo "    public ${types[$(( (j + k) % 10 ))]} F$j { get; init; }"
            done
            [[ "$attribute" == yes ]] && echo "    [LogRegGen.Label]"
            echo "    public bool Y { get; init; }"
            echo "}"
        } >"$dir/Rows/Row$k.cs"
    done
}

make_project "$work/with" yes
make_project "$work/without" no

seconds() { # runs "$@", prints its wall time in seconds
    local start end
    start=$(date +%s.%N)
    "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$start $end" | awk '{ printf "%.1f", $2 - $1 }'
}

declare -A full edit
for variant in without with; do
    dir="$work/$variant"
    echo "restoring $variant ..." >&2
    dotnet restore "$dir" >"$work/restore.log" 2>&1 || { cat "$work/restore.log" >&2; exit 1; }
    dotnet build-server shutdown >/dev/null 2>&1 || true
    # A warm-up build (compiler server started, package extracted), then the timed ones.
    seconds dotnet build "$dir" --no-restore -c Release >/dev/null
    echo "timing $variant ..." >&2
    full[$variant]=$(seconds dotnet build "$dir" --no-restore -c Release --no-incremental)
    echo "// edited" >>"$dir/Program.cs"
    edit[$variant]=$(seconds dotnet build "$dir" --no-restore -c Release)
done

generated="$work/with/obj/Release/net10.0/generated"
lines=$(find "$generated" -path '*LogRegGen.Generator*' -name '*.g.cs' -exec cat {} + | wc -l)
bytes=$(find "$generated" -path '*LogRegGen.Generator*' -name '*.g.cs' -exec cat {} + | wc -c)
per_model() { # lines of the model with $1 features (both files)
    local stem="$generated/LogRegGen.Generator/LogRegGen.Generator.LogisticModelGenerator/App.Rows.Row$1"
    cat "$stem.LogisticModel.g.cs" "$stem.LogisticModel.Kernels.g.cs" | wc -l
}

ratio() { echo "$1 $2" | awk '{ printf "%.1f", $1 / $2 }'; }

echo
echo "| $models records (n = 1 … 100) | without [LogisticModel] | with | ratio |"
echo "| --- | --- | --- | --- |"
echo "| full build (--no-incremental) | ${full[without]} s | ${full[with]} s | $(ratio "${full[with]}" "${full[without]}")× |"
echo "| build after an unrelated edit | ${edit[without]} s | ${edit[with]} s | $(ratio "${edit[with]}" "${edit[without]}")× |"
echo
echo "Generated: $lines lines, $(( bytes / 1024 )) KiB in all; per model (both files): n = 1: $(per_model 1), n = 16: $(per_model 16), n = 17: $(per_model 17), n = 30: $(per_model 30), n = 64: $(per_model 64), n = 100: $(per_model 100) lines."
echo
# Analyzer and generator times (-p:ReportAnalyzer=true) of both builds: what an analyzer spends in
# the build with the attribute beyond the one without is its time in the generated code.
analyzer_times() { # $1 = variant; prints "seconds<TAB>analyzer" per analyzer, then the totals
    dotnet build "$work/$1" --no-restore -c Release --no-incremental -p:ReportAnalyzer=true -v:d >"$work/report-$1.log" 2>&1 \
        || { tail -50 "$work/report-$1.log" >&2; exit 1; }
    sed -n 's/^ *\([0-9][0-9.]*\) *[0-9]* *\([A-Za-z][^ ]*\) (.*$/\1\t\2/p' "$work/report-$1.log"
}
analyzer_times without >"$work/times-without.tsv"
analyzer_times with >"$work/times-with.tsv"
echo "Analyzers and generators, seconds in the build without and with the attribute (the slowest ten by the difference):"
echo
echo "| Analyzer or generator | without | with | difference |"
echo "| --- | --: | --: | --: |"
awk -F'\t' 'NR == FNR { without[$2] = $1; next } { printf "%s\t%s\t%s\t%.3f\n", $2, ($2 in without ? without[$2] : "0"), $1, $1 - ($2 in without ? without[$2] : 0) }' \
    "$work/times-without.tsv" "$work/times-with.tsv" | sort -t$'\t' -k4 -g -r | head -10 \
    | awk -F'\t' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }'
echo
for variant in without with; do
    echo "$variant: $(grep -E 'Total (analyzer|generator) execution time' "$work/report-$variant.log" | sed 's/^ *//' | tr '\n' ' ')"
done
