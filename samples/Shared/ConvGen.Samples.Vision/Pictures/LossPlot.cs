using System;
using System.Collections.Generic;
using System.IO;

namespace ConvGen.Samples.Vision.Pictures
{
    /// <summary>Curves per epoch (losses, metrics) as a PNG line plot, with ScottPlot.</summary>
    public static class LossPlot
    {
        /// <summary>
        /// Plots each named series against epochs 1, 2, ... and saves a <paramref name="width"/> x <paramref name="height"/> PNG.
        /// </summary>
        public static void Write(string path, string title, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, int width = 640, int height = 400)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentNullException.ThrowIfNull(series);
            if (series.Count == 0)
                throw new ArgumentException("At least one series is needed.", nameof(series));
            if (width <= 0 || height <= 0)
                throw new ArgumentOutOfRangeException(nameof(width), $"The plot needs a positive size; got {width}x{height}.");

            var plot = new ScottPlot.Plot();
            foreach ((string name, IReadOnlyList<double> values) in series)
            {
                if (values.Count == 0)
                    throw new ArgumentException($"Series '{name}' is empty.", nameof(series));
                var xs = new double[values.Count];
                var ys = new double[values.Count];
                for (int i = 0; i < xs.Length; i++)
                {
                    xs[i] = i + 1;
                    ys[i] = values[i];
                }
                ScottPlot.Plottables.Scatter line = plot.Add.Scatter(xs, ys);
                line.LegendText = name;
            }
            plot.Title(title);
            plot.XLabel("epoch");
            plot.YLabel(yLabel);
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);   // curves usually fall, leaving that corner free
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder != null)
                Directory.CreateDirectory(folder);
            plot.SavePng(path, width, height);
        }
    }
}
