using System;
using ConvGen.Samples.Vision.Data;
using ConvGen.Samples.Vision.Evaluation;
using ConvGen.Training;
using ConvGen.Vision;
using SegmentationSample;

namespace VisionSamples.Tests;

/// <summary>
/// A short real training of the sample's U-Net with the sample's recipe: the per-pixel loss must fall far below chance
/// (a uniform guess over 5 classes costs ln 5 = 1.61 per pixel), and the trained weights must run through the
/// generated inference class.
/// </summary>
public class SegmentationTrainingTests
{
    private const double Chance = 1.6094379124341003; // ln 5

    [Fact]
    public void A_few_epochs_bring_the_per_pixel_loss_far_below_chance()
    {
        SegmentationSet heldOut = SegmentationSet.Generate(32, seed: 2);
        float[] parameters = Initializers.Keras(UNet.Network, seed: 1);
        float[] initial = (float[])parameters.Clone();

        SegmentationCurves curves = SegmentationTraining.Train(parameters, imagesPerEpoch: 384, heldOut, epochs: 3, seed: 1);

        Assert.Equal(3, curves.TrainingLoss.Count);
        Assert.True(curves.TrainingLoss[2] < 0.6 * Chance, $"last epoch's training loss {curves.TrainingLoss[2]:F3} (chance {Chance:F3})");
        Assert.True(curves.TrainingLoss[2] < curves.TrainingLoss[0], $"training loss {curves.TrainingLoss[0]:F3} -> {curves.TrainingLoss[2]:F3}");
        Assert.NotEqual(initial, parameters);

        // The trained weights through the generated inference class: every pixel gets a class, scored against the masks.
        (SegmentationMetrics metrics, int[] predicted) = SegmentationEvaluation.Evaluate(new UNet(parameters), heldOut);
        Assert.Equal(32 * SegmentationSet.MaskLength, metrics.PixelCount);
        Assert.All(predicted, c => Assert.InRange(c, 0, SegmentationSet.Classes - 1));
        Assert.True(metrics.PixelAccuracy > 0.7, $"held-out pixel accuracy {metrics.PixelAccuracy:P1}");
    }
}
