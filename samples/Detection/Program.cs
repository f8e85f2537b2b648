using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using ConvGen;
using ConvGen.Training;
using ConvGen.Samples.Vision;
using ConvGen.Samples.Vision.Data;
using ConvGen.Samples.Vision.Evaluation;
using ConvGen.Samples.Vision.Pictures;
using ConvGen.Samples.Vision.Training;
using ConvGen.Vision;
using ConvGen.Weights;
using DetectionSample;

// Object detection of synthetic boxes, rings and crosses with the one-shot grid detector declared in Detector.cs: makes
// seeded training and held-out sets, encodes their boxes as [8, 8, 8] targets (GridEncoder), trains with DetectionLoss,
// then decodes + NMS the held-out predictions, scores them (mAP at IoU 0.5) and draws them. `--epochs 0` skips training.
return SampleOptions.Run(args, "Trains a small grid detector on synthetic objects and draws its boxes.",
    Path.Combine("output", "detection"), defaultEpochs: 12, quickEpochs: 1, Run);

static int Run(SampleOptions options)
{
    CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
    GridLayout layout = Detector.HeadLayout;
    int trainCount = options.Images ?? (options.Quick ? 128 : 8000), heldOutCount = options.Quick ? 32 : 400;
    var clock = Stopwatch.StartNew();
    DetectionSet train = DetectionSet.Generate(trainCount, options.Seed);
    DetectionSet heldOut = DetectionSet.Generate(heldOutCount, unchecked(options.Seed + 7919));
    (float[] targets, float[] masks) = train.Encode(layout);
    (float[] heldOutTargets, float[] heldOutMasks) = heldOut.Encode(layout);
    Console.WriteLine($"data: {train.Count} training and {heldOut.Count} held-out 64x64 images, {Count(train)} + {Count(heldOut)} boxes ({clock.Elapsed.TotalSeconds:F1} s)");

    float[] parameters = Initializers.Keras(Detector.Network, options.Seed);
    Console.WriteLine($"detector: {Detector.ParameterCount:N0} parameters, head [{Detector.OutputHeight}, {Detector.OutputWidth}, {Detector.OutputChannels}]");
    DetectionCurves? curves = null;
    if (options.Epochs > 0)
        curves = DetectionTraining.Train(parameters, train.Images, targets, masks, heldOut.Images, heldOutTargets, heldOutMasks, options.Epochs, options.Seed, new EpochPrinter(accuracy: false));
    else
        Console.WriteLine("--epochs 0: evaluating the untrained network");

    clock.Restart();
    var net = new Detector(parameters);
    (MeanAveragePrecisionResult map, BoundingBox[][] predicted) = DetectionEvaluation.Evaluate(net, layout, heldOut);
    Console.WriteLine($"held-out: mAP@0.5 {map.Mean:F3} ({clock.Elapsed.TotalMilliseconds / heldOut.Count:F2} ms per image with decoding and NMS)");
    for (int c = 0; c < layout.Classes; c++)
        Console.WriteLine($"  AP {DetectionSet.ClassNames[c],-6} {map.PerClass[c]:F3} ({map.GroundTruthCounts[c]} boxes)");

    // The picture shows confident boxes only; mAP above uses every box down to score 0.05.
    int shown = Math.Min(8, heldOut.Count);
    var confident = new BoundingBox[shown][];
    for (int i = 0; i < shown; i++)
        confident[i] = Array.FindAll(predicted[i], b => b.Score >= 0.3f);
    Directory.CreateDirectory(options.Output);
    string weights = Path.Combine(options.Output, "detector.safetensors");
    SafeTensors.Save(Detector.Network, parameters, weights);
    Console.WriteLine($"wrote {weights}");
    string picture = Path.Combine(options.Output, "detection.png");
    DetectionPicture.Write(picture, heldOut.Images, shown, DetectionSet.Height, DetectionSet.Width, heldOut.Boxes, confident, DetectionSet.ClassNames);
    Console.WriteLine($"wrote {picture}");
    if (curves != null)
    {
        string plot = Path.Combine(options.Output, "loss.png");
        LossPlot.Write(plot, "Grid detector on synthetic objects", "detection loss",
            new (string, IReadOnlyList<double>)[] { ("training", curves.TrainingLoss), ("held-out", curves.HeldOutLoss) });
        Console.WriteLine($"wrote {plot}");
    }
    return 0;

    static int Count(DetectionSet set)
    {
        int n = 0;
        foreach (BoundingBox[] boxes in set.Boxes)
            n += boxes.Length;
        return n;
    }
}
