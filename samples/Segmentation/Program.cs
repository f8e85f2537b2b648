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

// Semantic segmentation of synthetic shapes with a U-Net declared in UNet.cs: makes seeded training and held-out sets,
// trains (from the initial Keras-style weights), then scores the held-out set (pixel accuracy, IoU per class, mean IoU)
// and draws input | true mask | prediction. `--epochs 0` skips training and shows the untrained network.
return SampleOptions.Run(args, "Trains a small U-Net to segment synthetic shapes and draws its predictions.",
    Path.Combine("output", "segmentation"), defaultEpochs: 7, quickEpochs: 1, Run);

static int Run(SampleOptions options)
{
    CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
    int trainCount = options.Images ?? (options.Quick ? 128 : 4000), heldOutCount = options.Quick ? 32 : 300;
    var clock = Stopwatch.StartNew();
    SegmentationSet train = SegmentationSet.Generate(trainCount, options.Seed);
    SegmentationSet heldOut = SegmentationSet.Generate(heldOutCount, unchecked(options.Seed + 7919));
    Console.WriteLine($"data: {train.Count} training and {heldOut.Count} held-out 64x64 images, {SegmentationSet.Classes} classes ({clock.Elapsed.TotalSeconds:F1} s)");

    float[] parameters = Initializers.Keras(UNet.Network, options.Seed);
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

    Directory.CreateDirectory(options.Output);
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

// Trains with Keras' recipe for segmentation: sparse categorical cross-entropy per pixel (the softmax head gives
// probabilities, one label per output pixel), Adam at 3e-3 decaying to 1/20 of it (cosine), batches of 16, the held-out
// set scored after every epoch. The trained weights are copied back into `parameters`.
static TrainingCurves Train(float[] parameters, SegmentationSet train, SegmentationSet heldOut, SampleOptions options)
{
    const int batchSize = 16;
    var trainer = new UNet.Trainer(parameters, batchSize, options.Seed);
    int steps = options.Epochs * ((train.Count + batchSize - 1) / batchSize);
    const float learningRate = 0.003f;
    var adam = new Adam(learningRate) { Schedule = LearningRateSchedule.CosineDecay(learningRate, Math.Max(steps, 1), alpha: 0.05f) };
    var fit = new FitOptions { Epochs = options.Epochs, Seed = options.Seed, Validation = new TrainingData(heldOut.Images, heldOut.Masks) };
    TrainingHistory history = TrainingLoop.Fit(trainer, new TrainingData(train.Images, train.Masks), Loss.SparseCategoricalCrossentropy, adam, fit,
        new EpochPrinter(accuracy: true));
    trainer.CopyParametersTo(parameters);
    return new TrainingCurves(history.Epochs.Select(e => e.Loss).ToArray(), history.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray());
}

/// <summary>Loss per epoch, for the plot.</summary>
internal sealed record TrainingCurves(IReadOnlyList<double> TrainingLoss, IReadOnlyList<double> HeldOutLoss);
