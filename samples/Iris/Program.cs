using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LogRegGen;

// The smallest LogRegGen program: is an iris a virginica, from its four measurements?
// Usage: dotnet run --project samples/Iris -c Release [-- --save path/to/iris.model.json]
// (--save keeps the trained model; samples/BakedPredictor bakes that file into its code.)

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

string path = Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");
Flower[] flowers = File.ReadLines(path)
    .Skip(1)
    .Where(line => line.Length > 0)
    .Select(Flower.Parse)
    .ToArray();

// Newton's method (the default solver) with scikit-learn's default penalty, C = 1.
FlowerModel model = FlowerModel.Train(flowers, new TrainingOptions { C = 1 });
Console.WriteLine($"Trained on {flowers.Length} flowers ({flowers.Count(f => f.IsVirginica)} virginica): {model.TrainingReport}");
Console.WriteLine();

Console.WriteLine("z = b + Σ w_j x_j, with x in centimetres");
Console.WriteLine($"  {"bias",-12} {model.Bias,8:+0.000;-0.000}");
for (int j = 0; j < FlowerModel.FeatureCount; j++)
{
    Console.WriteLine($"  {FlowerModel.FeatureNames[j],-12} {model.Weights[j],8:+0.000;-0.000}");
}

var probabilities = new float[flowers.Length];
model.PredictProbabilities(flowers, probabilities);
float[] labels = flowers.Select(f => FlowerModel.GetLabel(f)).ToArray();
Console.WriteLine();
Console.WriteLine("On the training data");
Console.WriteLine(Metrics.Evaluate(probabilities, labels));

var flower = new Flower(SepalLength: 6.3f, SepalWidth: 2.8f, PetalLength: 5.1f, PetalWidth: 1.5f, IsVirginica: true);
Console.WriteLine($"A flower with petals 5.1 × 1.5 cm: P(virginica) = {model.PredictProbability(flower):F3}");

// Save the model and load it back: the file names the features, and loading checks them.
string saved = Path.Combine(Path.GetTempPath(), "iris.model.json");
model.Save(saved);
FlowerModel loaded = FlowerModel.Load(saved);
Console.WriteLine($"Saved to and loaded from {Path.GetFileName(saved)}: P(virginica) = {loaded.PredictProbability(flower):F3}");
File.Delete(saved);

int keep = Array.IndexOf(args, "--save");
if (keep >= 0 && keep + 1 < args.Length)
{
    model.Save(args[keep + 1]);
    Console.WriteLine($"Saved the model to {args[keep + 1]}");
}

return 0;

/// <summary>One iris: four measurements in centimetres, and whether it is a virginica.</summary>
[LogisticModel]
public readonly record struct Flower(float SepalLength, float SepalWidth, float PetalLength, float PetalWidth, [Label] bool IsVirginica)
{
    /// <summary>Reads one line of iris.csv: four numbers, then the species.</summary>
    public static Flower Parse(string line)
    {
        string[] cells = line.Split(',');
        return new Flower(
            float.Parse(cells[0], CultureInfo.InvariantCulture),
            float.Parse(cells[1], CultureInfo.InvariantCulture),
            float.Parse(cells[2], CultureInfo.InvariantCulture),
            float.Parse(cells[3], CultureInfo.InvariantCulture),
            cells[4] == "virginica");
    }
}
