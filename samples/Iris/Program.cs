using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LogRegGen;
using Sylvan.Data.Csv;

// The smallest LogRegGen program: which of the three species is an iris, from its four measurements?
// The label is an enum, so the generated model is multinomial (softmax) with one class per species.
// Usage: dotnet run --project samples/Iris -c Release [-- --save path/to/iris.model.json]
// (--save keeps the trained model; samples/BakedPredictor bakes that file into its code.)

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The generated binder reads the CSV through Sylvan.Data.Csv: each member from the column [ColumnName]
// names, the species from its name.
string path = Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");
Flower[] flowers;
using (CsvDataReader csv = CsvDataReader.Create(path))
{
    flowers = FlowerModel.ReadRows(csv);
}

// Newton's method (the default for few parameters) with scikit-learn's default penalty, C = 1.
FlowerModel model = FlowerModel.Train(flowers, new TrainingOptions { C = 1 });
Console.WriteLine($"Trained on {flowers.Length} flowers of {FlowerModel.ClassCount} species: {model.TrainingReport}");
Console.WriteLine();

Console.WriteLine("z_k = b_k + Σ W_kj x_j for each species k, with x in centimetres");
Console.WriteLine($"  {"",-12} {"bias",8}" + string.Concat(FlowerModel.FeatureNames.Select(name => $" {name,12}")));
foreach (Species species in FlowerModel.Classes)
{
    string weights = string.Concat(Enumerable.Range(0, FlowerModel.FeatureCount).Select(j => $" {model.Weights[species, j],12:+0.000;-0.000}"));
    Console.WriteLine($"  {species,-12} {model.Biases[species],8:+0.000;-0.000}{weights}");
}

Console.WriteLine();
Console.WriteLine("On the training data");
Console.WriteLine(model.Evaluate(flowers));

var flower = new Flower(SepalLength: 6.3f, SepalWidth: 2.8f, PetalLength: 5.1f, PetalWidth: 1.5f, Species: Species.Virginica);
FlowerModel.ClassVector p = model.PredictProbabilities(flower);
Console.WriteLine($"A flower with petals 5.1 × 1.5 cm: {model.Predict(flower)} "
    + $"(setosa {p[Species.Setosa]:F3}, versicolor {p[Species.Versicolor]:F3}, virginica {p[Species.Virginica]:F3})");

// Save the model and load it back: the file names the features and the species, and loading checks them.
string saved = Path.Combine(Path.GetTempPath(), "iris.model.json");
model.Save(saved);
FlowerModel loaded = FlowerModel.Load(saved);
Console.WriteLine($"Saved to and loaded from {Path.GetFileName(saved)}: {loaded.Predict(flower)}, P = {loaded.PredictProbabilities(flower)[Species.Virginica]:F3}");
File.Delete(saved);

// C chosen by 5-fold stratified cross-validation (scikit-learn's grid, by log loss), and an L1 penalty at
// that C: which of the 4 × 3 weights it leaves out.
(FlowerModel tuned, CrossValidationReport search) = FlowerModel.CrossValidate(flowers, new CrossValidationOptions { Scoring = CrossValidationScoring.LogLoss });
Console.WriteLine();
Console.Write(search);
FlowerModel sparse = FlowerModel.Train(flowers, new TrainingOptions { C = search.BestC, L1Ratio = 1 });
Console.WriteLine($"With an L1 penalty at C = {search.BestC:G4}: {sparse.TrainingReport!.ZeroWeightCount} of {FlowerModel.FeatureCount * FlowerModel.ClassCount} weights are 0, "
    + $"training accuracy {sparse.Evaluate(flowers).Accuracy:F3} (the cross-validated L2 model: {tuned.Evaluate(flowers).Accuracy:F3})");

int keep = Array.IndexOf(args, "--save");
if (keep >= 0 && keep + 1 < args.Length)
{
    model.Save(args[keep + 1]);
    Console.WriteLine($"Saved the model to {args[keep + 1]}");
}

return 0;

/// <summary>The three species of the data set, in its order.</summary>
public enum Species
{
    Setosa,
    Versicolor,
    Virginica,
}

/// <summary>One iris: four measurements in centimetres (iris.csv's columns), and its species.</summary>
[LogisticModel]
public readonly record struct Flower(
    [ColumnName("sepal_length_cm")] float SepalLength,
    [ColumnName("sepal_width_cm")] float SepalWidth,
    [ColumnName("petal_length_cm")] float PetalLength,
    [ColumnName("petal_width_cm")] float PetalWidth,
    [Label] Species Species);
