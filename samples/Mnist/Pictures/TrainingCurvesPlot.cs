using System;
using System.Linq;
using ScottPlot;

namespace Mnist.Pictures;

/// <summary>Loss (left) and accuracy (right) per epoch, training and test, as one PNG.</summary>
public static class TrainingCurvesPlot
{
    /// <summary>Writes the curves; all four arrays hold one value per epoch (epoch 1 first).</summary>
    public static void Write(string path, double[] trainLoss, double[] testLoss, double[] trainAccuracy, double[] testAccuracy, int width = 1200, int height = 450)
    {
        ArgumentNullException.ThrowIfNull(path);
        int epochs = trainLoss.Length;
        if (epochs == 0 || testLoss.Length != epochs || trainAccuracy.Length != epochs || testAccuracy.Length != epochs)
        {
            throw new ArgumentException($"expected one value per epoch in every series (at least one epoch), got {trainLoss.Length}, {testLoss.Length}, {trainAccuracy.Length} and {testAccuracy.Length}.");
        }

        double[] x = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Draw(multiplot.GetPlot(0), x, trainLoss, testLoss, "Loss (cross-entropy)", "loss", Alignment.UpperRight);
        Draw(multiplot.GetPlot(1), x, Percent(trainAccuracy), Percent(testAccuracy), "Accuracy", "accuracy (%)", Alignment.LowerRight);
        multiplot.SavePng(path, width, height);
    }

    private static void Draw(Plot plot, double[] x, double[] train, double[] test, string title, string yLabel, Alignment legend)
    {
        var trainLine = plot.Add.Scatter(x, train);
        trainLine.LegendText = "train";
        trainLine.MarkerSize = 6;
        var testLine = plot.Add.Scatter(x, test);
        testLine.LegendText = "test";
        testLine.MarkerSize = 6;
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.ShowLegend(legend); // away from the curves: loss falls, accuracy rises
        if (x.Length <= 20)
        {
            // Whole epochs only: no "1.5" ticks on short runs.
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x, x.Select(e => e.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
    }

    private static double[] Percent(double[] fractions) => fractions.Select(f => f * 100).ToArray();
}
