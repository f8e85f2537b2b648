using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace ConvGen.Training
{
    /// <summary>Keras-style <c>fit</c> over any <see cref="ITrainer"/>.</summary>
    public static class TrainingLoop
    {
        /// <summary>
        /// Trains <paramref name="trainer"/> on <paramref name="train"/>: per epoch, the images in a seeded random order
        /// (unless <see cref="FitOptions.Shuffle"/> is false) in mini-batches of <see cref="FitOptions.BatchSize"/> (the last
        /// one smaller when the count does not divide), each augmented (optional) then passed to
        /// <see cref="ITrainer.TrainStep(ReadOnlySpan{float}, ReadOnlySpan{int}, Loss, Optimizer)"/>; then validation,
        /// checkpoint and early stopping. Reports after every step.
        /// </summary>
        /// <exception cref="TrainingDivergedException">A step's loss was not finite (the trainer kept the parameters from before it).</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked before every step).</exception>
        /// <exception cref="ArgumentException">The data does not fit the network or the loss, or an option is out of range.</exception>
        public static TrainingHistory Fit(ITrainer trainer, TrainingData train, Loss loss, Optimizer optimizer, FitOptions options,
            IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
            => Fit(trainer, train, new LossChoice(loss, null), optimizer, options, progress, cancellationToken);

        /// <summary>
        /// As <see cref="Fit(ITrainer, TrainingData, Loss, Optimizer, FitOptions, IProgress{TrainingProgress}?, CancellationToken)"/>
        /// with a loss of your own: <paramref name="train"/> (and the validation data) hold targets, the same number of floats
        /// per image, handed to <paramref name="loss"/> unchanged. Accuracy is not measured (NaN): it has no general meaning here.
        /// </summary>
        public static TrainingHistory Fit(ITrainer trainer, TrainingData train, CustomLoss loss, Optimizer optimizer, FitOptions options,
            IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(loss);
            return Fit(trainer, train, new LossChoice(default, loss), optimizer, options, progress, cancellationToken);
        }

        private static TrainingHistory Fit(ITrainer trainer, TrainingData train, LossChoice choice, Optimizer optimizer, FitOptions options,
            IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(trainer);
            ArgumentNullException.ThrowIfNull(train);
            ArgumentNullException.ThrowIfNull(optimizer);
            ArgumentNullException.ThrowIfNull(options);
            Loss loss = choice.Builtin;
            int count = choice.Count(trainer, train, nameof(train));
            if (options.Validation is not null)
            {
                choice.Count(trainer, options.Validation, nameof(options.Validation));
            }

            int batchSize = CheckOptions(trainer, options);

            int batches = (count + batchSize - 1) / batchSize;
            int inLength = trainer.InputLength, outLength = trainer.OutputLength;
            int labelsPerImage = outLength / trainer.OutputChannels;
            bool sparse = train.Labels is not null;
            int targetsPerImage = sparse ? 0 : train.Targets!.Length / count;
            bool measureAccuracy = options.TrainingAccuracy && choice.Custom is null;
            var order = new int[count];
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
            }

            ulong seedState = (ulong)(uint)options.Seed;
            var shuffle = new SeededRandom(SeededRandom.SplitMix(ref seedState));
            var augment = new SeededRandom(SeededRandom.SplitMix(ref seedState));
            var inputs = new float[batchSize * inLength];
            var targets = new float[sparse ? 0 : batchSize * targetsPerImage];
            var labels = new int[sparse ? batchSize * labelsPerImage : 0];

            var epochs = new List<EpochResult>();
            double best = double.PositiveInfinity;
            int bestEpoch = 0, wait = 0;
            float[]? bestParameters = null;
            bool stoppedEarly = false;
            var total = Stopwatch.StartNew();
            long stepsDone = 0, stepsPlanned = (long)batches * options.Epochs;
            for (int epoch = 1; epoch <= options.Epochs && !stoppedEarly; epoch++)
            {
                var clock = Stopwatch.StartNew();
                if (options.Shuffle)
                {
                    shuffle.Shuffle(order.AsSpan());
                }

                double lossSum = 0;
                long seen = 0, correct = 0, positions = 0;
                for (int batch = 1; batch <= batches; batch++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int first = (batch - 1) * batchSize, n = Math.Min(batchSize, count - first);
                    Span<float> x = inputs.AsSpan(0, n * inLength);
                    for (int i = 0; i < n; i++)
                    {
                        int image = order[first + i];
                        train.Inputs.AsSpan(image * inLength, inLength).CopyTo(x.Slice(i * inLength));
                        if (sparse)
                        {
                            train.Labels.AsSpan(image * labelsPerImage, labelsPerImage).CopyTo(labels.AsSpan(i * labelsPerImage));
                        }
                        else
                        {
                            train.Targets.AsSpan(image * targetsPerImage, targetsPerImage).CopyTo(targets.AsSpan(i * targetsPerImage));
                        }
                    }

                    options.Augment?.Invoke(x, n, augment);
                    float value = choice.Custom is not null
                        ? trainer.TrainStep(x, targets.AsSpan(0, n * targetsPerImage), choice.Custom, optimizer)
                        : sparse
                            ? trainer.TrainStep(x, labels.AsSpan(0, n * labelsPerImage), loss, optimizer)
                            : trainer.TrainStep(x, targets.AsSpan(0, n * outLength), loss, optimizer);
                    if (!float.IsFinite(value))
                    {
                        throw new TrainingDivergedException(epoch, batch, value);
                    }

                    if (measureAccuracy)
                    {
                        // Keras' training metric: on the step's own (training-mode) outputs, before the update.
                        correct += Accuracy.Correct(loss, trainer.Outputs.Slice(0, n * outLength), trainer.OutputChannels,
                            labels.AsSpan(0, sparse ? n * labelsPerImage : 0), targets.AsSpan(0, sparse ? 0 : n * outLength));
                        positions += (long)n * labelsPerImage;
                    }

                    lossSum += (double)value * n;
                    seen += n;
                    stepsDone++;
                    double? validationLoss = null, validationAccuracy = null;
                    if (batch == batches && options.Validation is not null)
                    {
                        (double vl, double va) = Evaluate(trainer, options.Validation, choice, batchSize);
                        validationLoss = vl;
                        validationAccuracy = va;
                    }

                    double epochLoss = lossSum / seen, epochAccuracy = positions == 0 ? double.NaN : (double)correct / positions;
                    progress?.Report(new TrainingProgress
                    {
                        Epoch = epoch,
                        Epochs = options.Epochs,
                        Batch = batch,
                        Batches = batches,
                        Loss = epochLoss,
                        Accuracy = epochAccuracy,
                        ImagesPerSecond = seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9),
                        Elapsed = total.Elapsed,
                        EstimatedRemaining = TimeSpan.FromTicks(total.Elapsed.Ticks / stepsDone * (stepsPlanned - stepsDone)),
                        ValidationLoss = validationLoss,
                        ValidationAccuracy = validationAccuracy,
                    });

                    if (batch < batches)
                    {
                        continue;
                    }

                    epochs.Add(new EpochResult(epoch, epochLoss, epochAccuracy, validationLoss, validationAccuracy, clock.Elapsed.TotalSeconds));

                    // Keras EarlyStopping: wait counts epochs since the last improvement (strictly lower loss).
                    double monitored = validationLoss ?? epochLoss;
                    bool improved = monitored < best;
                    wait++;
                    if (improved)
                    {
                        best = monitored;
                        bestEpoch = epoch;
                        wait = 0;
                        if (options.RestoreBestWeights)
                        {
                            bestParameters ??= new float[trainer.ParameterCount];
                            trainer.CopyParametersTo(bestParameters);
                        }
                    }

                    if (options.CheckpointPath is not null && (improved || !options.CheckpointBestOnly))
                    {
                        Checkpoint(trainer, options, epoch);
                    }

                    if (!improved && options.EarlyStoppingPatience is int patience && wait >= patience && epoch > 1)
                    {
                        stoppedEarly = true;
                        if (options.RestoreBestWeights && bestParameters is not null)
                        {
                            trainer.SetParameters(bestParameters);
                        }
                    }
                }
            }

            return new TrainingHistory(epochs, stoppedEarly, bestEpoch);
        }

        /// <summary>Inference-mode loss (mean over all output positions) and accuracy of <paramref name="data"/>, in batches.</summary>
        public static (double Loss, double Accuracy) Evaluate(ITrainer trainer, TrainingData data, Loss loss, int batchSize = 0)
            => Evaluate(trainer, data, new LossChoice(loss, null), batchSize);

        /// <summary>Inference-mode mean loss of <paramref name="data"/> under a loss of your own, in batches (its gradient is not used).</summary>
        public static double Evaluate(ITrainer trainer, TrainingData data, CustomLoss loss, int batchSize = 0)
        {
            ArgumentNullException.ThrowIfNull(loss);
            return Evaluate(trainer, data, new LossChoice(default, loss), batchSize).Loss;
        }

        private static (double Loss, double Accuracy) Evaluate(ITrainer trainer, TrainingData data, LossChoice choice, int batchSize)
        {
            ArgumentNullException.ThrowIfNull(trainer);
            ArgumentNullException.ThrowIfNull(data);
            int count = choice.Count(trainer, data, nameof(data));
            batchSize = batchSize <= 0 ? trainer.BatchSize : Math.Min(batchSize, trainer.BatchSize);
            int inLength = trainer.InputLength, outLength = trainer.OutputLength, perImage = outLength / trainer.OutputChannels;
            int targetsPerImage = data.Targets is null ? 0 : data.Targets.Length / count;
            var outputs = new float[batchSize * outLength];
            float[]? scratch = choice.Custom is null ? null : new float[batchSize * outLength];
            double sum = 0;
            long correct = 0;
            for (int first = 0; first < count; first += batchSize)
            {
                int n = Math.Min(batchSize, count - first);
                Span<float> y = outputs.AsSpan(0, n * outLength);
                trainer.Predict(data.Inputs.AsSpan(first * inLength, n * inLength), y);
                ReadOnlySpan<int> labels = data.Labels is null ? default : data.Labels.AsSpan(first * perImage, n * perImage);
                ReadOnlySpan<float> targets = data.Targets is null ? default : data.Targets.AsSpan(first * targetsPerImage, n * targetsPerImage);
                float value = choice.Custom is not null
                    ? choice.Custom(y, targets, scratch.AsSpan(0, n * outLength))
                    : data.Labels is null
                        ? LossFunctions.Compute(choice.Builtin, y, targets, trainer.OutputChannels, default)
                        : LossFunctions.Compute(choice.Builtin, y, labels, trainer.OutputChannels, default);
                sum += (double)value * n;
                if (choice.Custom is null)
                {
                    correct += Accuracy.Correct(choice.Builtin, y, trainer.OutputChannels, labels, targets);
                }
            }

            return (sum / count, choice.Custom is null ? (double)correct / ((long)count * perImage) : double.NaN);
        }

        /// <summary>A built-in loss or one of the user's.</summary>
        private readonly struct LossChoice
        {
            public LossChoice(Loss builtin, CustomLoss? custom)
            {
                Builtin = builtin;
                Custom = custom;
            }

            public Loss Builtin { get; }

            public CustomLoss? Custom { get; }

            /// <summary>Images in <paramref name="data"/>; throws when it does not suit the network or the loss.</summary>
            public int Count(ITrainer trainer, TrainingData data, string name) =>
                Custom is null ? data.Count(trainer, Builtin, name) : data.CountForCustomLoss(trainer, name);
        }

        private static int CheckOptions(ITrainer trainer, FitOptions options)
        {
            if (options.Epochs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "FitOptions.Epochs must be at least 1.");
            }

            int batchSize = options.BatchSize ?? trainer.BatchSize;
            if (batchSize < 1 || batchSize > trainer.BatchSize)
            {
                throw new ArgumentOutOfRangeException(nameof(options), batchSize, $"FitOptions.BatchSize must be in [1, {trainer.BatchSize}] (the trainer's batch size).");
            }

            if (options.EarlyStoppingPatience is < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.EarlyStoppingPatience, "FitOptions.EarlyStoppingPatience must be >= 0.");
            }

            if (options.CheckpointPath is not null)
            {
                if (options.Network is null)
                {
                    throw new ArgumentException("FitOptions.CheckpointPath needs FitOptions.Network (the network's declaration, Net.Network) to name the tensors.", nameof(options));
                }

                int expected = ShapeInference.Analyze(options.Network).ParameterCount;
                if (expected != trainer.ParameterCount)
                {
                    throw new ArgumentException($"FitOptions.Network has {expected} parameters but the trainer has {trainer.ParameterCount}: it is not the trained network.", nameof(options));
                }
            }

            return batchSize;
        }

        private static void Checkpoint(ITrainer trainer, FitOptions options, int epoch)
        {
            var parameters = new float[trainer.ParameterCount];
            trainer.CopyParametersTo(parameters);
            string path = options.CheckpointPath!.Replace("{epoch}", epoch.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Weights.SafeTensors.Save(options.Network!, parameters, path);
        }
    }
}
