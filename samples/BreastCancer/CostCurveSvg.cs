using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace BreastCancer;

/// <summary>Draws the cost history of a training run as a small, self-contained SVG line chart.</summary>
public static class CostCurveSvg
{
    private const int Width = 640, Height = 400, Left = 70, Right = 20, Top = 40, Bottom = 50;

    /// <summary>The SVG text: cost J after each epoch, with axes, ticks and a title.</summary>
    /// <param name="costs">J after 0, 1, …, k updates; at least two values.</param>
    /// <param name="title">The chart's title.</param>
    /// <returns>An SVG document.</returns>
    public static string Render(IReadOnlyList<double> costs, string title)
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (costs.Count < 2)
        {
            throw new ArgumentException($"A curve needs at least 2 costs but got {costs.Count}.", nameof(costs));
        }

        double max = 0, min = double.MaxValue;
        foreach (double c in costs)
        {
            max = Math.Max(max, c);
            min = Math.Min(min, c);
        }

        double low = Math.Max(0, min - (0.05 * (max - min)));
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double X(int epoch) => Left + (plotWidth * epoch / (costs.Count - 1));
        double Y(double cost) => Top + (plotHeight * (max - cost) / (max - low));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>\n");
        for (int k = 0; k <= 4; k++)
        {
            int epoch = (costs.Count - 1) * k / 4;
            double cost = low + ((max - low) * k / 4);
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{X(epoch):F1}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\">{epoch}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{Left - 8}\" y=\"{Y(cost) + 4:F1}\" text-anchor=\"end\">{cost:F3}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <line x1=\"{Left}\" y1=\"{Y(cost):F1}\" x2=\"{Left + plotWidth}\" y2=\"{Y(cost):F1}\" stroke=\"#ddd\"/>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\">epoch</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"18\" y=\"{Top + (plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {Top + (plotHeight / 2)})\">cost J</text>\n");
        svg.Append("  <polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"");
        for (int i = 0; i < costs.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"{X(i):F1},{Y(costs[i]):F1} ");
        }

        svg.Append("\"/>\n</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
