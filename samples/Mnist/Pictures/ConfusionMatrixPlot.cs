using System;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace Mnist.Pictures;

/// <summary>The confusion matrix as a heatmap (true class down, predicted class across) with the count in each cell.</summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Writes the heatmap of <paramref name="matrix"/> as a PNG.</summary>
    public static void Write(string path, ConfusionMatrix matrix, string title = "Confusion matrix (test set)", int width = 800, int height = 720)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Classes;

        int max = 1;
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                max = Math.Max(max, matrix[r, c]);
            }
        }

        // One filled rectangle per cell (exact placement): true class r is row r from the top, so cell (r, c) spans
        // x in [c, c+1] and y in [n-1-r, n-r]. Log colour scale: the diagonal holds ~1000 per class, the mistakes a
        // handful, which linear colours would hide. Light = few, dark blue = many.
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Blues();
        double top = Math.Log10(1 + max);
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                double level = Math.Log10(1 + matrix[r, c]) / top;
                var cell = plot.Add.Rectangle(c, c + 1, n - 1 - r, n - r);
                cell.FillColor = colormap.GetColor(1 - (0.9 * level));
                cell.LineColor = Colors.White;
                cell.LineWidth = 1;
                var text = plot.Add.Text(matrix[r, c].ToString(CultureInfo.InvariantCulture), c + 0.5, n - 1 - r + 0.5);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 14;
                text.LabelFontColor = level > 0.6 ? Colors.White : Colors.Black;
            }
        }

        double[] centres = Enumerable.Range(0, n).Select(i => i + 0.5).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(centres, Enumerable.Range(0, n).Select(Label).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(centres, Enumerable.Range(0, n).Select(i => Label(n - 1 - i)).ToArray());
        plot.Axes.SetLimits(0, n, 0, n);
        plot.Title(title);
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.SavePng(path, width, height);
    }

    private static string Label(int i) => i.ToString(CultureInfo.InvariantCulture);
}
