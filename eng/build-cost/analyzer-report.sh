# Shared by analyzer-400-models.sh and shape-analyzer-100-models.sh (sourced, not run): a throwaway
# project that references this repository's projects as the samples do, and the compiler's analyzer
# report of its build.

# write_project DIR NAME REPO: DIR/NAME.csproj, net10.0, warnings as errors, LRG010 off (the generated
# models are large; only the analyzers' time matters).
write_project() {
  local dir="$1" name="$2" repo="$3"
  cat > "$dir/$name.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <IsPackable>false</IsPackable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <NoWarn>\$(NoWarn);LRG010</NoWarn>
  </PropertyGroup>
  <Import Project="$repo/eng/LogRegGen.ProjectReferences.props" />
</Project>
PROJECT
}

# build_and_report DIR NAME CONFIGURATION ANALYZER: builds DIR/NAME.csproj once with
# -p:ReportAnalyzer=true (log in DIR/build.log) and prints the wall time, the compiler's totals for
# NAME itself (the referenced projects report too), LogRegGen's analyzers and generator, and then
# "ANALYZER: seconds" for the one named.
build_and_report() {
  local dir="$1" name="$2" configuration="$3" analyzer="$4" start end report timings seconds
  start=$(date +%s.%N)
  dotnet build "$dir/$name.csproj" -c "$configuration" -p:ReportAnalyzer=true -v:d -nologo > "$dir/build.log" 2>&1 || {
    grep -E "error|LRG0" "$dir/build.log" | head -n 40 >&2
    return 1
  }
  end=$(date +%s.%N)
  report="$(awk -v dll="$name.dll" '
    /Task "Csc"/ { incsc = 1; block = "" }
    incsc { block = block $0 "\n" }
    /Done executing task "Csc"/ { if (index(block, dll) > 0) last = block; incsc = 0 }
    END { printf "%s", last }
  ' "$dir/build.log")"
  printf 'build wall time: %.1f s\n' "$(echo "$end - $start" | bc)"
  echo "$report" | grep -E "Total analyzer execution time|Total generator execution time" | sed 's/^ *//'
  # Per-analyzer lines: seconds, percent, name (the csc command line also names the assemblies; skip it).
  timings="$(echo "$report" | grep -E "^[[:space:]]*[0-9.]+[[:space:]]+<?[0-9]+[[:space:]]+LogRegGen\." | sed 's/^ *//')"
  echo "$timings"
  seconds="$(echo "$timings" | grep -F "LogRegGen.Analyzers.$analyzer" | awk '{print $1}' | head -n 1)"
  echo "$analyzer: ${seconds:-?} s"
}
