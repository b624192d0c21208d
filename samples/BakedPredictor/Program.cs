using System;
using System.Globalization;
using LogRegGen;

// A predictor with its weights baked in at build time: the generator read iris.model.json (saved by
// `dotnet run --project samples/Iris -c Release -- --save samples/BakedPredictor/iris.model.json`)
// and wrote its weights into FlowerModel.Pretrained as constants. No file is read here, nothing is
// allocated per prediction, and with PublishAot it is a small native executable.
// Usage: dotnet run --project samples/BakedPredictor -c Release [-- sepal-length sepal-width petal-length petal-width]

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Flower[] flowers = args.Length == 4
    ? [new Flower(float.Parse(args[0]), float.Parse(args[1]), float.Parse(args[2]), float.Parse(args[3]), Species.Setosa)]
    :
    [
        new Flower(5.1f, 3.5f, 1.4f, 0.2f, Species.Setosa),
        new Flower(5.9f, 3.0f, 4.2f, 1.5f, Species.Versicolor),
        new Flower(6.3f, 2.8f, 5.1f, 1.5f, Species.Virginica), // a virginica that looks like a versicolor
        new Flower(7.7f, 3.0f, 6.1f, 2.3f, Species.Virginica),
    ];

Console.WriteLine("Baked model: z_k = b_k + Σ W_kj x_j");
for (int k = 0; k < FlowerModel.ClassCount; k++)
{
    ReadOnlySpan<float> w = FlowerModel.Pretrained.Weights.Slice(k * FlowerModel.FeatureCount, FlowerModel.FeatureCount);
    Console.WriteLine($"  {FlowerModel.ClassNames[k],-11} {FlowerModel.Pretrained.Biases[k],8:+0.0000;-0.0000}  W = [{w[0]:+0.0000;-0.0000}, {w[1]:+0.0000;-0.0000}, {w[2]:+0.0000;-0.0000}, {w[3]:+0.0000;-0.0000}]");
}

Console.WriteLine();
Console.WriteLine($"  {"sepal",11}  {"petal",11}  {"setosa",8} {"versicolor",10} {"virginica",9}  prediction");
foreach (Flower flower in flowers)
{
    FlowerModel.ClassVector p = FlowerModel.Pretrained.PredictProbabilities(flower);
    Species prediction = FlowerModel.Pretrained.Predict(flower);
    Console.WriteLine($"  {flower.SepalLength,4:F1} × {flower.SepalWidth,4:F1}  {flower.PetalLength,4:F1} × {flower.PetalWidth,4:F1}"
        + $"  {p[Species.Setosa],8:F4} {p[Species.Versicolor],10:F4} {p[Species.Virginica],9:F4}  {prediction}");
}

return 0;

/// <summary>The three species, in the order of the saved model's classes.</summary>
public enum Species
{
    Setosa,
    Versicolor,
    Virginica,
}

/// <summary>The iris measurements in centimetres; the same features and classes, in the same order, as the saved model.</summary>
[LogisticModel(WeightsFile = "iris.model.json")]
public readonly record struct Flower(float SepalLength, float SepalWidth, float PetalLength, float PetalWidth, [Label] Species Species);
