using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Mnist.Pictures;

/// <summary>
/// The fine-tuning experiment in one picture: test accuracy per epoch of each run on the same 250 images
/// (fine-tuning's two stages one after the other, against training from scratch), with a marker where the base is unfrozen.
/// </summary>
public static class FineTuneComparisonPlot
{
    /// <summary>Writes the plot; each series holds one test accuracy (a fraction) per epoch.</summary>
    public static void Write(string path, IReadOnlyList<double> frozenBase, IReadOnlyList<double> unfrozen, IReadOnlyList<double> scratch, int width = 900, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (frozenBase.Count == 0 || unfrozen.Count == 0 || scratch.Count == 0)
        {
            throw new ArgumentException($"every series needs at least one epoch, got {frozenBase.Count}, {unfrozen.Count} and {scratch.Count}.");
        }

        var plot = new Plot();
        double[] tuned = frozenBase.Concat(unfrozen).Select(a => a * 100).ToArray();
        var tunedLine = plot.Add.Scatter(Enumerable.Range(1, tuned.Length).Select(e => (double)e).ToArray(), tuned);
        tunedLine.LegendText = "fine-tuned (pre-trained on 0-4)";
        tunedLine.MarkerSize = 4;
        var scratchLine = plot.Add.Scatter(Enumerable.Range(1, scratch.Count).Select(e => (double)e).ToArray(), scratch.Select(a => a * 100).ToArray());
        scratchLine.LegendText = "from scratch";
        scratchLine.MarkerSize = 4;
        var unfreeze = plot.Add.VerticalLine(frozenBase.Count + 0.5);
        unfreeze.LegendText = "base unfrozen, learning rate / 10";
        unfreeze.LinePattern = LinePattern.Dashed;
        plot.Title("Learning digits 5-9 from 250 labelled images");
        plot.XLabel("epoch");
        plot.YLabel("test accuracy on digits 5-9 (%)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, width, height);
    }
}
