using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using ConvGen.Samples.Vision;
using ConvGen.Samples.Vision.Data;
using ConvGen.Samples.Vision.Evaluation;
using ConvGen.Samples.Vision.Pictures;
using ConvGen.Vision;
using SegmentationSample;

// Semantic segmentation of synthetic shapes with a U-Net declared in UNet.cs: makes seeded training and held-out sets,
// trains (from the initial Keras-style weights), then scores the held-out set (pixel accuracy, IoU per class, mean IoU)
// and draws input | true mask | prediction. `--epochs 0` skips training and shows the untrained network.
return SampleOptions.Run(args, "Trains a small U-Net to segment synthetic shapes and draws its predictions.",
    Path.Combine("output", "segmentation"), defaultEpochs: 15, quickEpochs: 1, Run);

static int Run(SampleOptions options)
{
    CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
    int trainCount = options.Quick ? 128 : 3000, heldOutCount = options.Quick ? 32 : 300;
    var clock = Stopwatch.StartNew();
    SegmentationSet train = SegmentationSet.Generate(trainCount, options.Seed);
    SegmentationSet heldOut = SegmentationSet.Generate(heldOutCount, unchecked(options.Seed + 7919));
    Console.WriteLine($"data: {train.Count} training and {heldOut.Count} held-out 64x64 images, {SegmentationSet.Classes} classes ({clock.Elapsed.TotalSeconds:F1} s)");

    float[] parameters = RandomParameters.GlorotUniform(UNet.Network, options.Seed);
    Console.WriteLine($"U-Net: {UNet.ParameterCount:N0} parameters, output [{UNet.OutputHeight}, {UNet.OutputWidth}, {UNet.OutputChannels}]");
    TrainingCurves? curves = null;
    if (options.Epochs > 0)
        curves = Train(parameters, train, heldOut, options);
    else
        Console.WriteLine("--epochs 0: evaluating the untrained network");

    clock.Restart();
    var net = new UNet(parameters);
    (SegmentationMetrics metrics, int[] predicted) = SegmentationEvaluation.Evaluate(net, heldOut);
    Console.WriteLine($"held-out: pixel accuracy {metrics.PixelAccuracy:P1}, mean IoU {metrics.MeanIntersectionOverUnion:F3} ({clock.Elapsed.TotalMilliseconds / heldOut.Count:F2} ms per image)");
    IReadOnlyList<double> perClass = metrics.IntersectionOverUnionPerClass();
    for (int c = 0; c < perClass.Count; c++)
        Console.WriteLine($"  IoU {SegmentationSet.ClassNames[c],-10} {perClass[c]:F3}");

    string picture = Path.Combine(options.Output, "segmentation.png");
    SegmentationPicture.Write(picture, heldOut.Images, heldOut.Masks, predicted, Math.Min(8, heldOut.Count), SegmentationSet.Height, SegmentationSet.Width);
    Console.WriteLine($"wrote {picture}");
    if (curves != null)
    {
        string plot = Path.Combine(options.Output, "loss.png");
        LossPlot.Write(plot, "U-Net on synthetic shapes", "sparse categorical cross-entropy",
            new (string, IReadOnlyList<double>)[] { ("training", curves.TrainingLoss), ("held-out", curves.HeldOutLoss) });
        Console.WriteLine($"wrote {plot}");
    }
    return 0;
}

// Integration point for ConvGen's training API (on main): declare UNet with [ConvNet(64, 64, 3, Training = true)], then
// new UNet.Trainer(parameters, batchSize) and TrainingLoop.Fit with Loss.SparseCategoricalCrossentropy (the softmax head
// gives probabilities) on train.Images / train.Masks (one label per output pixel), validation on heldOut, Adam, and
// options.Epochs / options.Seed; copy the trained parameters back into `parameters` and return the per-epoch losses.
static TrainingCurves Train(float[] parameters, SegmentationSet train, SegmentationSet heldOut, SampleOptions options) =>
    throw new NotImplementedException("integrated from the training branch");

/// <summary>Loss per epoch, for the plot.</summary>
internal sealed record TrainingCurves(IReadOnlyList<double> TrainingLoss, IReadOnlyList<double> HeldOutLoss);
