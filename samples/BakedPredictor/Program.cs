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
    ? [new Flower(float.Parse(args[0]), float.Parse(args[1]), float.Parse(args[2]), float.Parse(args[3]), IsVirginica: false)]
    :
    [
        new Flower(5.1f, 3.5f, 1.4f, 0.2f, IsVirginica: false), // a setosa
        new Flower(5.9f, 3.0f, 4.2f, 1.5f, IsVirginica: false), // a versicolor
        new Flower(6.3f, 2.8f, 5.1f, 1.5f, IsVirginica: true),  // a virginica that looks like a versicolor
        new Flower(7.7f, 3.0f, 6.1f, 2.3f, IsVirginica: true),  // a clear virginica
    ];

Console.WriteLine($"Baked model: z = {FlowerModel.Pretrained.Bias:F4}"
    + $" + {FlowerModel.Pretrained.SepalLengthWeight:F4}·SepalLength + {FlowerModel.Pretrained.SepalWidthWeight:F4}·SepalWidth"
    + $" + {FlowerModel.Pretrained.PetalLengthWeight:F4}·PetalLength + {FlowerModel.Pretrained.PetalWidthWeight:F4}·PetalWidth");
Console.WriteLine();
Console.WriteLine($"  {"sepal",11}  {"petal",11}  {"P(virginica)",12}  prediction");
foreach (Flower flower in flowers)
{
    float p = FlowerModel.Pretrained.PredictProbability(flower);
    string prediction = FlowerModel.Pretrained.Predict(flower) ? "virginica" : "not virginica";
    Console.WriteLine($"  {flower.SepalLength,4:F1} × {flower.SepalWidth,4:F1}  {flower.PetalLength,4:F1} × {flower.PetalWidth,4:F1}  {p,12:F4}  {prediction}");
}

return 0;

/// <summary>The iris measurements in centimetres; the same features, in the same order, as the saved model.</summary>
[LogisticModel(WeightsFile = "iris.model.json")]
public readonly record struct Flower(float SepalLength, float SepalWidth, float PetalLength, float PetalWidth, [Label] bool IsVirginica);
