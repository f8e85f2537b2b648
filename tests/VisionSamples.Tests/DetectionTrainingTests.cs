using ConvGen.Samples.Vision.Data;
using ConvGen.Samples.Vision.Evaluation;
using ConvGen.Training;
using ConvGen.Vision;
using DetectionSample;

namespace VisionSamples.Tests;

/// <summary>
/// A short real training of the sample's detector with the sample's recipe (DetectionLoss as a custom loss): the
/// held-out loss must fall to a fraction of the untrained network's, and the decoded boxes must already find objects.
/// </summary>
public class DetectionTrainingTests
{
    [Fact]
    public void A_few_epochs_cut_the_held_out_loss_and_find_objects()
    {
        GridLayout layout = Detector.HeadLayout;
        DetectionSet train = DetectionSet.Generate(768, seed: 1);
        DetectionSet heldOut = DetectionSet.Generate(64, seed: 2);
        (float[] targets, float[] masks) = train.Encode(layout);
        (float[] heldOutTargets, float[] heldOutMasks) = heldOut.Encode(layout);
        float[] parameters = Initializers.Keras(Detector.Network, seed: 1);

        // The untrained network's held-out loss, measured the way Fit measures it after each epoch.
        var untrained = new Detector.Trainer((float[])parameters.Clone(), DetectionTraining.BatchSize);
        double before = TrainingLoop.Evaluate(untrained, new TrainingData(heldOut.Images, DetectionLoss.PackTargets(layout, heldOutTargets, heldOutMasks)),
            DetectionLoss.ForTrainer(layout));

        DetectionCurves curves = DetectionTraining.Train(parameters, train.Images, targets, masks, heldOut.Images, heldOutTargets, heldOutMasks, epochs: 3, seed: 1);

        Assert.True(curves.HeldOutLoss[^1] < 0.5 * before, $"held-out loss {before:F3} -> {curves.HeldOutLoss[^1]:F3}");
        (MeanAveragePrecisionResult map, _) = DetectionEvaluation.Evaluate(new Detector(parameters), layout, heldOut);
        Assert.True(map.Mean > 0.1, $"held-out mAP@0.5 {map.Mean:F3}");
    }
}
