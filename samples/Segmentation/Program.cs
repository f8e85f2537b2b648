using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ConvGen;
using ConvGen.Training;
using ConvGen.Samples.Vision;
using ConvGen.Samples.Vision.Data;
using ConvGen.Samples.Vision.Evaluation;
using ConvGen.Samples.Vision.Pictures;
using ConvGen.Samples.Vision.Training;
using ConvGen.Vision;
using ConvGen.Weights;
using SegmentationSample;

// Semantic segmentation of synthetic shapes with a U-Net declared in UNet.cs: makes a seeded held-out set, trains (from
// the initial Keras-style weights) on new seeded images every epoch, then scores the held-out set (pixel accuracy, IoU
// per class, mean IoU; plain and averaged over the 8 turns and mirrors of each image) and draws input | true mask |
// prediction. `--epochs 0` skips training and shows the untrained network.
return SampleOptions.Run(args, "Trains a small U-Net to segment synthetic shapes and draws its predictions.",
    Path.Combine("output", "segmentation"), defaultEpochs: 18, quickEpochs: 1, Run);

static int Run(SampleOptions options)
{
    CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
    int trainCount = options.Images ?? (options.Quick ? 128 : 10000), heldOutCount = options.Quick ? 32 : 300;
    Directory.CreateDirectory(options.Output);
    var clock = Stopwatch.StartNew();
    // Held-out images come from another seed than the training images, so the two never share an image.
    SegmentationSet heldOut = SegmentationSet.Generate(heldOutCount, unchecked(options.Seed + 7919));
    Console.WriteLine($"data: {trainCount} fresh training images per epoch and {heldOut.Count} held-out 64x64 images, {SegmentationSet.Classes} classes");

    float[] parameters = options.Weights is null ? Initializers.Keras(UNet.Network, options.Seed) : SafeTensors.LoadParameters(UNet.Network, options.Weights);
    Console.WriteLine($"U-Net: {UNet.ParameterCount:N0} parameters, output [{UNet.OutputHeight}, {UNet.OutputWidth}, {UNet.OutputChannels}]");
    SegmentationCurves? curves = null;
    if (options.Epochs > 0)
        curves = SegmentationTraining.Train(parameters, trainCount, heldOut, options.Epochs, options.Seed, new EpochPrinter(accuracy: true),
            Path.Combine(options.Output, "unet-epoch{epoch}.safetensors"));
    if (curves != null)
        Console.WriteLine($"trained in {curves.Seconds:F0} s, of which {curves.DataSeconds:F1} s making the training images");
    else
        Console.WriteLine(options.Weights is null ? "--epochs 0: evaluating the untrained network" : $"--epochs 0: evaluating {options.Weights}");

    clock.Restart();
    var net = new UNet(parameters);
    (SegmentationMetrics metrics, int[] predicted) = SegmentationEvaluation.Evaluate(net, heldOut);
    Console.WriteLine($"held-out: pixel accuracy {metrics.PixelAccuracy:P1}, mean IoU {metrics.MeanIntersectionOverUnion:F4} ({clock.Elapsed.TotalMilliseconds / heldOut.Count:F2} ms per image)");
    IReadOnlyList<double> perClass = metrics.IntersectionOverUnionPerClass();
    for (int c = 0; c < perClass.Count; c++)
        Console.WriteLine($"  IoU {SegmentationSet.ClassNames[c],-10} {perClass[c]:F3}");

    clock.Restart();
    (SegmentationMetrics averaged, _) = SegmentationEvaluation.EvaluateWithSymmetries(net, heldOut);
    Console.WriteLine($"held-out, scores averaged over the 8 turns and mirrors of each image: pixel accuracy {averaged.PixelAccuracy:P1}, mean IoU {averaged.MeanIntersectionOverUnion:F4} ({clock.Elapsed.TotalMilliseconds / heldOut.Count:F2} ms per image)");
    Console.WriteLine("  IoU " + string.Join(", ", averaged.IntersectionOverUnionPerClass().Select((v, c) => $"{SegmentationSet.ClassNames[c]} {v:F3}")));

    string weights = Path.Combine(options.Output, "unet.safetensors");
    SafeTensors.Save(UNet.Network, parameters, weights);
    Console.WriteLine($"wrote {weights}");
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
