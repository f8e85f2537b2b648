using System;

namespace ConvGen.Vision
{
    /// <summary>
    /// The YOLO-style loss of a <see cref="GridLayout"/> head and its gradient, as a pure function for a custom-loss
    /// trainer. For a batch of N images, with x the raw output, t the <see cref="GridEncoder"/> target and m the mask
    /// (0 or 1 per cell and anchor; fractional values interpolate), the loss is the batch mean of, per cell and anchor,
    /// <code>
    /// (Object * m + NoObject * (1 - m)) * BCEWithLogits(x_obj, t_obj)
    /// + Box * m * [ (sigmoid(x_tx) - t_tx)^2 + (sigmoid(x_ty) - t_ty)^2 + (x_tw - t_tw)^2 + (x_th - t_th)^2 ]
    /// + Class * m * ( -sum_k t_k * log_softmax(x_class)_k )
    /// </code>
    /// summed over cells and anchors (not averaged over them), with the weights of <see cref="DetectionLossWeights"/>.
    /// Offsets are regressed after the sigmoid so their targets stay in [0, 1]; sizes in log space.
    /// </summary>
    public static class DetectionLoss
    {
        /// <summary>
        /// Returns the loss and writes d(loss)/d(output) into <paramref name="gradient"/> (every element is written).
        /// <paramref name="output"/> and <paramref name="target"/> hold N * <see cref="GridLayout.OutputLength"/> floats,
        /// <paramref name="mask"/> N * <see cref="GridLayout.MaskLength"/>. Allocates nothing.
        /// </summary>
        public static float Compute(GridLayout layout, ReadOnlySpan<float> output, ReadOnlySpan<float> target, ReadOnlySpan<float> mask, Span<float> gradient) =>
            Compute(layout, output, target, mask, gradient, new DetectionLossWeights());

        /// <inheritdoc cref="Compute(GridLayout, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        public static float Compute(GridLayout layout, ReadOnlySpan<float> output, ReadOnlySpan<float> target, ReadOnlySpan<float> mask, Span<float> gradient, DetectionLossWeights weights)
        {
            ArgumentNullException.ThrowIfNull(layout);
            weights.Validate();
            int per = layout.OutputLength;
            if (output.Length == 0 || output.Length % per != 0)
                throw new ArgumentException($"The output has {output.Length} floats, not a positive multiple of one image's {per} ([{layout.GridRows}, {layout.GridColumns}, {layout.Channels}]).", nameof(output));
            int images = output.Length / per;
            if (target.Length != output.Length)
                throw new ArgumentException($"The target has {target.Length} floats; the output has {output.Length}.", nameof(target));
            if (gradient.Length != output.Length)
                throw new ArgumentException($"The gradient has {gradient.Length} floats; the output has {output.Length}.", nameof(gradient));
            if (mask.Length != images * layout.MaskLength)
                throw new ArgumentException($"The mask has {mask.Length} floats; {images} images need {images * layout.MaskLength}.", nameof(mask));

            int stride = layout.ChannelsPerAnchor;
            float scale = 1f / images;
            double total = 0;
            for (int cell = 0; cell < mask.Length; cell++)
            {
                ReadOnlySpan<float> x = output.Slice(cell * stride, stride);
                ReadOnlySpan<float> t = target.Slice(cell * stride, stride);
                Span<float> g = gradient.Slice(cell * stride, stride);
                float m = mask[cell];

                // Objectness: BCE with logits, max(x, 0) - x t + log(1 + exp(-|x|)); gradient sigmoid(x) - t.
                float objectWeight = weights.Object * m + weights.NoObject * (1f - m);
                float xo = x[0];
                total += objectWeight * (Math.Max(xo, 0f) - (double)xo * t[0] + Math.Log(1 + Math.Exp(-Math.Abs(xo))));
                g[0] = scale * objectWeight * (VisionMath.Sigmoid(xo) - t[0]);

                if (m == 0f)
                {
                    g.Slice(1).Clear();
                    continue;
                }

                float boxWeight = weights.Box * m;
                for (int k = 1; k <= 2; k++)
                {
                    float s = VisionMath.Sigmoid(x[k]);
                    float d = s - t[k];
                    total += boxWeight * (double)d * d;
                    g[k] = scale * boxWeight * 2f * d * s * (1f - s);
                }
                for (int k = 3; k <= 4; k++)
                {
                    float d = x[k] - t[k];
                    total += boxWeight * (double)d * d;
                    g[k] = scale * boxWeight * 2f * d;
                }

                // Class cross-entropy with logits: -sum t_k (z_k - lse); gradient (sum t) softmax_k - t_k.
                float classWeight = weights.Class * m;
                ReadOnlySpan<float> z = x.Slice(5);
                ReadOnlySpan<float> tc = t.Slice(5);
                float lse = VisionMath.LogSumExp(z);
                float targetSum = 0f;
                double crossEntropy = 0;
                for (int k = 0; k < z.Length; k++)
                {
                    targetSum += tc[k];
                    crossEntropy -= tc[k] * ((double)z[k] - lse);
                }
                total += classWeight * crossEntropy;
                for (int k = 0; k < z.Length; k++)
                    g[5 + k] = scale * classWeight * (targetSum * MathF.Exp(z[k] - lse) - tc[k]);
            }
            return (float)(total * scale);
        }

        /// <summary>
        /// Targets for a trainer's custom-loss overloads (<see cref="ForTrainer"/>): per image, its
        /// <see cref="GridLayout.OutputLength"/> target floats then its <see cref="GridLayout.MaskLength"/> mask floats,
        /// so that shuffling and batching images keeps each image's target and mask together.
        /// </summary>
        public static float[] PackTargets(GridLayout layout, ReadOnlySpan<float> targets, ReadOnlySpan<float> masks)
        {
            ArgumentNullException.ThrowIfNull(layout);
            int per = layout.OutputLength, perMask = layout.MaskLength;
            if (targets.Length == 0 || targets.Length % per != 0)
                throw new ArgumentException($"The targets hold {targets.Length} floats, not a positive multiple of one image's {per}.", nameof(targets));
            int images = targets.Length / per;
            if (masks.Length != images * perMask)
                throw new ArgumentException($"The masks hold {masks.Length} floats; {images} images need {images * perMask}.", nameof(masks));
            var packed = new float[images * (per + perMask)];
            for (int n = 0; n < images; n++)
            {
                targets.Slice(n * per, per).CopyTo(packed.AsSpan(n * (per + perMask)));
                masks.Slice(n * perMask, perMask).CopyTo(packed.AsSpan((n * (per + perMask)) + per));
            }

            return packed;
        }

        /// <summary>
        /// This loss as a <see cref="ConvGen.Training.CustomLoss"/> for a generated Trainer and <c>TrainingLoop.Fit</c>: its
        /// targets are <see cref="PackTargets"/>' layout; the value and gradient are those of <see cref="Compute(GridLayout, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, DetectionLossWeights)"/>
        /// on the whole batch (batch mean). Allocates nothing per call.
        /// </summary>
        public static ConvGen.Training.CustomLoss ForTrainer(GridLayout layout, DetectionLossWeights? weights = null)
        {
            ArgumentNullException.ThrowIfNull(layout);
            DetectionLossWeights chosen = weights ?? new DetectionLossWeights();
            chosen.Validate();
            int per = layout.OutputLength, perMask = layout.MaskLength;
            return (output, packed, gradient) =>
            {
                if (output.Length == 0 || output.Length % per != 0 || packed.Length != output.Length / per * (per + perMask))
                    throw new ArgumentException($"Expected packed targets (DetectionLoss.PackTargets) of {per + perMask} floats per image for {output.Length} output floats, got {packed.Length}.", nameof(packed));
                int images = output.Length / per;
                double total = 0;
                for (int n = 0; n < images; n++)
                {
                    ReadOnlySpan<float> image = packed.Slice(n * (per + perMask), per + perMask);
                    total += Compute(layout, output.Slice(n * per, per), image.Slice(0, per), image.Slice(per), gradient.Slice(n * per, per), chosen);
                }

                float scale = 1f / images;
                foreach (ref float g in gradient)
                    g *= scale;
                return (float)(total * scale);
            };
        }
    }
}
