using System;

namespace ConvGen.Training
{
    /// <summary>
    /// Keras' "accuracy" as <c>compile(metrics=["accuracy"])</c> picks it: with labels, argmax == label per position; with
    /// targets of several channels, argmax(output) == argmax(target); with one channel (binary), output above 0.5 (0 for
    /// logits) agrees with target above 0.5.
    /// </summary>
    public static class Accuracy
    {
        /// <summary>The number of output positions classified correctly.</summary>
        public static long Correct(Loss loss, ReadOnlySpan<float> outputs, int channels, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets)
        {
            long correct = 0;
            int positions = outputs.Length / channels;
            double threshold = loss == Loss.BinaryCrossentropyFromLogits ? 0 : 0.5;
            for (int p = 0; p < positions; p++)
            {
                ReadOnlySpan<float> y = outputs.Slice(p * channels, channels);
                bool right;
                if (!labels.IsEmpty)
                {
                    right = ArgMax(y) == labels[p];
                }
                else if (channels == 1)
                {
                    right = (y[0] > threshold) == (targets[p] > 0.5);
                }
                else
                {
                    right = ArgMax(y) == ArgMax(targets.Slice(p * channels, channels));
                }

                correct += right ? 1 : 0;
            }

            return correct;
        }

        /// <summary>The index of the first largest value.</summary>
        public static int ArgMax(ReadOnlySpan<float> values)
        {
            int best = 0;
            for (int i = 1; i < values.Length; i++)
            {
                if (values[i] > values[best])
                {
                    best = i;
                }
            }

            return best;
        }
    }
}
