using System;
using System.Globalization;
using LogRegGen;

namespace BreastCancer;

/// <summary>
/// Prints one "epoch  cost  gradient norm" line per report. Unlike <see cref="Progress{T}"/>, it
/// writes synchronously on the training thread, so the lines appear in order and before the
/// summary that follows training.
/// </summary>
internal sealed class ConsoleProgress : IProgress<TrainingProgress>
{
    public static void WriteHeader() =>
        Console.WriteLine($"  {"epoch",7}  {"cost",10}  {"|gradient|",12}");

    public void Report(TrainingProgress value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {value.Epoch,7}  {value.Cost,10:F6}  {value.GradientNorm,12:0.000e+00}"));
}
