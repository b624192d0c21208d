#!/usr/bin/env bash
# Measures the shape analyzer on a project of many [LogisticModel] records and their uses.
#
# Writes a throwaway project with N (default 100) record structs (n = 1 ... 100 features, a bool
# label) and, for each, a class that uses the generated model the ways the shape analyzer follows:
# arrays from initializers, locals, a static readonly field, a helper's return value, slices, ranges,
# batch prediction into a buffer of rows.Length, training with options. The code is correct, so the
# build must report no LRG diagnostic. It references this repository's projects as the samples do
# (eng/LogRegGen.ProjectReferences.props), builds once with -p:ReportAnalyzer=true and prints the
# compiler's analyzer times, the ShapeAnalyzer's first.
#
#   eng/build-cost/shape-analyzer-100-models.sh [N] [configuration]
#
# The project lives in a temporary folder (removed afterwards unless KEEP=1). Run nothing else on
# the machine meanwhile.
set -euo pipefail

count="${1:-100}"
configuration="${2:-Release}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/logreggen-shape-cost.XXXXXX")"
cleanup() { if [ "${KEEP:-0}" != "1" ]; then rm -rf "$work"; else echo "kept $work"; fi; }
trap cleanup EXIT

source "$repo/eng/build-cost/analyzer-report.sh"
write_project "$work" ShapeCost "$repo"

for ((k = 1; k <= count; k++)); do
  n=$(( (k - 1) % 100 + 1 ))
  features=""
  values=""
  for ((j = 0; j < n; j++)); do
    features+="float F$j, "
    values+="${j}f, "
  done
  cat > "$work/Row$k.cs" <<CS
using System;
using LogRegGen;

namespace ShapeCost;

[LogisticModel]
public readonly record struct Row$k(${features}[Label] bool Y);

public static class Use$k
{
    private static readonly float[] Weights = new float[Row${k}Model.FeatureCount];

    private static float[] Make(int count) => new float[count];

    public static float Run(Row$k[] rows, Row${k}Model model)
    {
        float[] x = { ${values} };
        int n = Row${k}Model.FeatureCount;
        var probabilities = new float[rows.Length];
        model.PredictProbabilities(rows, probabilities);
        float p = model.PredictProbability(x) + model.PredictProbability(Weights) + model.PredictProbability(Make(n));
        float[] buffer = new float[2 * n];
        p += model.PredictProbability(buffer.AsSpan(n)) + model.PredictProbability(buffer[..n]) + model.PredictProbability(x.AsSpan()[^n..]);
        Row${k}Model trained = Row${k}Model.Train(rows, new TrainingOptions { C = 1, MaxDegreeOfParallelism = 1 });
        return p + trained.PredictProbability(x);
    }
}
CS
done

echo "Building $count models and their uses ($configuration)..." >&2
echo "models: $count"
build_and_report "$work" ShapeCost "$configuration" ShapeAnalyzer
