using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Kernels
{
    /// <summary>
    /// What the generated constructors do with the Keras parameters: re-lay kernels into the order the generated kernels
    /// read them (rows zero-padded), fold BatchNormalization into the preceding layer, or turn it into a per-channel scale
    /// and shift. One copy per assembly instead of one per network; runs once per instance, so plain span code.
    /// Called by generated code; not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class WeightPacking
    {
        /// <summary>
        /// Allocates the packed weights on the pinned object heap (the GC never moves them) with 15 floats to spare, so that
        /// they can start on a 64-byte boundary, <see cref="AlignedStart"/> floats in: the kernels' vector loads of weights
        /// then never split a cache line. A float[] is only 8-byte aligned; N4's 1x1 layer that skips zeros ran about 1.25x
        /// slower with its weights 56 bytes past a cache line (docs/benchmarks.md).
        /// </summary>
        public static float[] AllocateAligned(int length) => GC.AllocateArray<float>(length + 15, pinned: true);

        /// <summary>Floats from the start of an array made by <see cref="AllocateAligned"/> to its first 64-byte boundary (0 to 15).</summary>
        public static int AlignedStart(float[] weights)
        {
            nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetArrayDataReference(weights));
            return (int)((64 - ((nuint)address % 64)) % 64 / sizeof(float));
        }

        /// <summary>
        /// Whether every float of the packed weights is finite. A 1x1 layer that skips its zero inputs gives the same sums
        /// as one that multiplies them only then (0 x infinity and 0 x NaN are NaN), so the constructor asks once.
        /// </summary>
        public static bool AllFinite(ReadOnlySpan<float> weights)
        {
            foreach (float value in weights)
            {
                if (!float.IsFinite(value))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Splits a [rows, columns] kernel into <paramref name="groups"/> blocks of equal column ranges, each stored as rows of
        /// <paramref name="paddedColumns"/> floats (the padding stays zero). One group is a plain row copy.
        /// </summary>
        public static void PackGroups(ReadOnlySpan<float> source, Span<float> destination, int groups, int rows, int columns, int paddedColumns)
        {
            int perGroup = columns / groups;
            for (int g = 0; g < groups; g++)
            {
                for (int r = 0; r < rows; r++)
                {
                    source.Slice(r * columns + g * perGroup, perGroup).CopyTo(destination.Slice((g * rows + r) * paddedColumns));
                }
            }
        }

        /// <summary>
        /// A [rows, columns] kernel as panels of <paramref name="panelWidth"/> columns, each stored whole: [columns padded /
        /// panelWidth][rows, panelWidth]. The last panel's columns past <paramref name="columns"/> stay zero.
        /// </summary>
        public static void PackPanels(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns, int panelWidth)
        {
            for (int first = 0, panel = 0; first < columns; first += panelWidth, panel++)
            {
                int width = Math.Min(panelWidth, columns - first);
                for (int r = 0; r < rows; r++)
                {
                    source.Slice(r * columns + first, width).CopyTo(destination.Slice((panel * rows + r) * panelWidth));
                }
            }
        }

        /// <summary>Depthwise [taps, channels, multiplier] to [multiplier, taps, paddedChannels]: one channel vector per tap and multiplier.</summary>
        public static void PackDepthwise(ReadOnlySpan<float> source, Span<float> destination, int taps, int channels, int multiplier, int paddedChannels)
        {
            for (int m = 0; m < multiplier; m++)
            {
                for (int t = 0; t < taps; t++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        destination[(m * taps + t) * paddedChannels + c] = source[(t * channels + c) * multiplier + m];
                    }
                }
            }
        }

        /// <summary>Conv2DTranspose [taps, outputs, inputs] to [taps, inputs, paddedOutputs], so output channels are contiguous.</summary>
        public static void PackTransposed(ReadOnlySpan<float> source, Span<float> destination, int taps, int outputs, int inputs, int paddedOutputs)
        {
            for (int t = 0; t < taps; t++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    for (int i = 0; i < inputs; i++)
                    {
                        destination[(t * inputs + i) * paddedOutputs + o] = source[(t * outputs + o) * inputs + i];
                    }
                }
            }
        }

        /// <summary>scale = gamma / sqrt(variance + epsilon), shift = beta - mean * scale, from gamma, beta, moving_mean, moving_variance.</summary>
        public static void BatchNormScaleShift(ReadOnlySpan<float> batchNorm, Span<float> scale, Span<float> shift, int channels, float epsilon)
        {
            for (int c = 0; c < channels; c++)
            {
                scale[c] = batchNorm[c] / MathF.Sqrt(batchNorm[3 * channels + c] + epsilon);
                shift[c] = batchNorm[channels + c] - batchNorm[2 * channels + c] * scale[c];
            }
        }

        /// <summary>
        /// Folds BatchNormalization into a packed kernel and bias: per output channel, kernel *= scale and bias = (bias - mean) * scale + beta
        /// with scale = gamma / sqrt(variance + epsilon). The packed layout is <paramref name="blocks"/> blocks of <paramref name="rows"/> rows;
        /// column j of block b holds output channel j * <paramref name="columnStride"/> + b * <paramref name="blockStride"/>; columns
        /// past the last channel (a partly filled last panel) are padding and stay as they are.
        /// </summary>
        public static void FoldBatchNorm(Span<float> kernel, Span<float> bias, ReadOnlySpan<float> batchNorm, int channels, float epsilon, int blocks, int rows, int columns, int paddedColumns, int columnStride, int blockStride)
        {
            for (int b = 0; b < blocks; b++)
            {
                for (int j = 0; j < columns; j++)
                {
                    int c = j * columnStride + b * blockStride;
                    if (c >= channels)
                    {
                        continue;
                    }

                    float scale = batchNorm[c] / MathF.Sqrt(batchNorm[3 * channels + c] + epsilon);
                    for (int r = 0; r < rows; r++)
                    {
                        kernel[(b * rows + r) * paddedColumns + j] *= scale;
                    }

                    ref float shift = ref bias[b * paddedColumns + j];
                    shift = (shift - batchNorm[2 * channels + c]) * scale + batchNorm[channels + c];
                }
            }
        }
    }
}
