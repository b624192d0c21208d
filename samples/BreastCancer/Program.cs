using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BreastCancer;
using LogRegGen;
using Spectre.Console;
using Sylvan.Data.Csv;

// Trains TumorModel, the classifier LogRegGen generates from the Tumor record, on 80% of the
// Breast Cancer Wisconsin (Diagnostic) data and evaluates it on the remaining 20%.
// Usage: dotnet run --project samples/BreastCancer -c Release [-- path/to/data.csv]

const int ShuffleSeed = 42;
const double TrainFraction = 0.8;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");
// The generated binder matches the CSV's columns to Tumor's members by name (mean_radius is
// MeanRadius) and reads each value with Sylvan.Data.Csv, naming the row and column of a bad one.
Tumor[] tumors;
try
{
    using CsvDataReader csv = CsvDataReader.Create(path);
    tumors = TumorModel.ReadRows(csv);
}
catch (Exception e) when (e is LogisticDataException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

// Shuffle with a fixed seed so every run sees the same split, then hold out the last 20%.
new Random(ShuffleSeed).Shuffle(tumors);
int trainCount = (int)Math.Round(tumors.Length * TrainFraction);
Tumor[] train = tumors[..trainCount];
Tumor[] test = tumors[trainCount..];

Console.WriteLine("LogRegGen sample: Breast Cancer Wisconsin (Diagnostic)");
Console.WriteLine($"  {tumors.Length} tumors, {TumorModel.FeatureCount} features, label '{TumorModel.LabelName}'");
Console.WriteLine($"  split (seed {ShuffleSeed}): {train.Length} train ({CountMalignant(train)} malignant), "
    + $"{test.Length} test ({CountMalignant(test)} malignant)");
Console.WriteLine();

const double LearningRate = 0.1;
const int Epochs = 1000;
Console.WriteLine($"Training: batch gradient descent, learning rate {LearningRate}, "
    + $"at most {Epochs} epochs, standardized features");
Console.WriteLine($"  cost before training (w = 0, b = 0): {new TumorModel().Cost(train):F6}");

// A live progress bar (Spectre.Console) while gradient descent runs; the cost every 100 epochs is
// kept and shown as a table afterwards.
var checkpoints = new List<TrainingProgress>();
TumorModel model = AnsiConsole.Progress()
    .AutoClear(false)
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .Start(context =>
    {
        ProgressTask task = context.AddTask("gradient descent", maxValue: Epochs);
        return TumorModel.Train(train, new TrainingOptions
        {
            Solver = Solver.GradientDescent,
            LearningRate = LearningRate,
            Epochs = Epochs,
            Standardize = true,
            ProgressInterval = 100,
            Progress = new ProgressReport(progress =>
            {
                checkpoints.Add(progress);
                task.Value = progress.Epoch;
                task.Description = string.Create(CultureInfo.InvariantCulture, $"gradient descent, cost {progress.Cost:F6}");
            }),
        });
    });

var costs = new Table().Border(TableBorder.Simple)
    .AddColumn(new TableColumn("epoch").RightAligned())
    .AddColumn(new TableColumn("cost").RightAligned())
    .AddColumn(new TableColumn("|gradient|").RightAligned());
foreach (TrainingProgress checkpoint in checkpoints)
{
    costs.AddRow(
        checkpoint.Epoch.ToString(CultureInfo.InvariantCulture),
        checkpoint.Cost.ToString("F6", CultureInfo.InvariantCulture),
        checkpoint.GradientNorm.ToString("0.000e+00", CultureInfo.InvariantCulture));
}

AnsiConsole.Write(costs);
TrainingReport report = model.TrainingReport
    ?? throw new InvalidOperationException("Train returned a model without a training report.");
Console.WriteLine();
Console.WriteLine($"  stopped:  {report.StopReason} after {report.Epochs} epochs in {report.Elapsed.TotalMilliseconds:F1} ms");
Console.WriteLine($"  final:    cost {report.FinalCost:F6}, gradient norm {report.FinalGradientNorm:0.000e+00}");

// Keep the model and draw its cost curve, next to the program.
string modelPath = Path.Combine(AppContext.BaseDirectory, "tumor.model.json");
string curvePath = Path.Combine(AppContext.BaseDirectory, "cost-curve.svg");
model.Save(modelPath);
File.WriteAllText(curvePath, CostCurveSvg.Render(report.CostHistory, $"Batch gradient descent on {train.Length} tumors, learning rate {LearningRate}"));
Console.WriteLine($"  saved:    {Path.GetFileName(modelPath)} (load with TumorModel.Load) and {Path.GetFileName(curvePath)}, in {AppContext.BaseDirectory}");
Console.WriteLine();

// Evaluate on the held-out tumors.
var probabilities = new float[test.Length];
model.PredictProbabilities(test, probabilities);
float[] labels = test.Select(t => TumorModel.GetLabel(t)).ToArray();
BinaryClassificationMetrics metrics = Metrics.Evaluate(probabilities, labels);

Console.WriteLine($"Test split ({metrics.Count} tumors, threshold 0.5)");
Console.WriteLine($"  accuracy   {metrics.Accuracy,7:F4}");
Console.WriteLine($"  precision  {metrics.Precision,7:F4}");
Console.WriteLine($"  recall     {metrics.Recall,7:F4}");
Console.WriteLine($"  F1         {metrics.F1,7:F4}");
Console.WriteLine($"  log loss   {metrics.LogLoss,7:F4}");
Console.WriteLine($"  ROC AUC    {metrics.RocAuc,7:F4}");
Console.WriteLine();
Console.WriteLine($"  {"",18}  {"predicted",9}");
Console.WriteLine($"  {"",18}  {"malignant",9}  {"benign",9}");
Console.WriteLine($"  {"actual malignant",-18}  {metrics.TruePositives,9}  {metrics.FalseNegatives,9}");
Console.WriteLine($"  {"actual benign",-18}  {metrics.FalsePositives,9}  {metrics.TrueNegatives,9}");
Console.WriteLine();

// The weights apply to raw features, whose scales differ by orders of magnitude (area is in the
// hundreds, fractal dimension below 0.1), so rank them by their effect per standard deviation:
// w_j * s_j is the change in the logit z when feature j moves by one standard deviation.
var ranked = Enumerable.Range(0, TumorModel.FeatureCount)
    .Select(j => (Name: TumorModel.FeatureNames[j], Raw: model.Weights[j], PerStd: model.Weights[j] * report.FeatureScales[j]))
    .OrderByDescending(w => Math.Abs(w.PerStd))
    .Take(5);

Console.WriteLine("Largest weights (change in the logit per standard deviation; + points to malignant)");
Console.WriteLine($"  {"feature",-22}  {"per std",8}  {"raw weight",11}");
foreach (var (name, raw, perStd) in ranked)
{
    Console.WriteLine($"  {name,-22}  {perStd,8:+0.000;-0.000}  {raw,11:+0.000000;-0.000000}");
}

Console.WriteLine();

Console.WriteLine("First test tumors");
Console.WriteLine($"  {"#",3}  {"P(malignant)",12}  {"predicted",-9}  actual");
for (int i = 0; i < 5; i++)
{
    Tumor tumor = test[i];
    Console.WriteLine($"  {i + 1,3}  {model.PredictProbability(tumor),12:F4}  "
        + $"{Describe(model.Predict(tumor)),-9}  {Describe(tumor.Malignant)}");
}

// The default solver, Newton's method, goes straight to the optimum; with C = 1 it fits the same
// objective as scikit-learn's LogisticRegression() on standardized features.
TumorModel newton = TumorModel.Train(train, new TrainingOptions { C = 1 });
TrainingReport newtonReport = newton.TrainingReport
    ?? throw new InvalidOperationException("Train returned a model without a training report.");
newton.PredictProbabilities(test, probabilities);
BinaryClassificationMetrics newtonMetrics = Metrics.Evaluate(probabilities, labels);
Console.WriteLine();
Console.WriteLine("The default solver: Newton's method, L2 penalty C = 1 (scikit-learn's default)");
Console.WriteLine($"  {newtonReport.StopReason} after {newtonReport.Epochs} iterations in {newtonReport.Elapsed.TotalMilliseconds:F1} ms, "
    + $"cost {newtonReport.FinalCost:F6}, gradient {newtonReport.FinalGradientNorm:0.0e+00}");
Console.WriteLine($"  test accuracy {newtonMetrics.Accuracy:F4}, log loss {newtonMetrics.LogLoss:F4}, ROC AUC {newtonMetrics.RocAuc:F4}");

// C chosen from the data: stratified 5-fold cross-validation on the training rows over scikit-learn's
// grid (10 values from 1e-4 to 1e4), scored by accuracy, then refitted on all training rows with the
// best C and evaluated on the held-out test rows, which the search never saw.
(TumorModel tuned, CrossValidationReport search) = TumorModel.CrossValidate(train);
tuned.PredictProbabilities(test, probabilities);
BinaryClassificationMetrics tunedMetrics = Metrics.Evaluate(probabilities, labels);
Console.WriteLine();
Console.WriteLine("C chosen by cross-validation on the training rows");
Console.Write(search);
Console.WriteLine($"  refitted with C = {search.BestC:G4}: test accuracy {tunedMetrics.Accuracy:F4}, log loss {tunedMetrics.LogLoss:F4}, ROC AUC {tunedMetrics.RocAuc:F4}");

// A small unpenalized model explained weight by weight, as statsmodels' summary() would: standard
// errors, z, p-values and 95 % intervals (the weights are per raw unit of each measurement).
TumorSummary[] summaries;
using (CsvDataReader csv = CsvDataReader.Create(path))
{
    summaries = TumorSummaryModel.ReadRows(csv);
}

TumorSummaryModel small = TumorSummaryModel.Train(summaries);
Console.WriteLine();
Console.WriteLine("Five measurements, no penalty: what each weight says (on all 569 tumors)");
Console.Write(small.Explain(summaries));

return 0;

static int CountMalignant(Tumor[] tumors) => tumors.Count(t => t.Malignant);

static string Describe(bool malignant) => malignant ? "malignant" : "benign";

/// <summary>Hands each progress report to a callback on the training thread, in order (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class ProgressReport(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
