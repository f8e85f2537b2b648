using System;

namespace ConvGen.Inference
{
    public static partial class WinogradConvolution
    {
        /// <summary>A dilated 3x3 layer: <see cref="RunDilated(int, int, int, int, ReadOnlySpan{float}, int, int, int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, Activation, Span{float})"/> with a kernel size of 3.</summary>
        /// <exception cref="ArgumentException">A span has the wrong length, a span overlaps another, or a padding is not a multiple of its dilation.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size or dilation is not positive, or the activation is not one of the three.</exception>
        public static void RunDilated(int outputTile, int dilationHeight, int dilationWidth, ReadOnlySpan<float> input, int height, int width, int inChannels,
            int padTop, int padLeft, ReadOnlySpan<float> transformedKernel, ReadOnlySpan<float> bias, Span<float> output, int outHeight, int outWidth, int outChannels,
            Activation activation, Span<float> workspace) =>
            RunDilated(outputTile, 3, dilationHeight, dilationWidth, input, height, width, inChannels, padTop, padLeft, transformedKernel, bias, output, outHeight, outWidth, outChannels, activation, workspace);

        /// <summary>
        /// A dilated 3x3 or 5x5, stride-1 convolution (atrous, as in DeepLab) through Winograd: with dilation d the output pixels
        /// whose row is ≡ a (mod d) read only input rows ≡ a (mod d) (when the padding is a multiple of d, as TF's <c>same</c>
        /// and <c>valid</c> are for an odd kernel), so the layer is d² undilated convolutions of the interleaved sub-grids.
        /// Each sub-grid's input is gathered into the workspace, run through <c>Run</c> with the same transformed
        /// kernel and the padding divided by the dilation, and its output scattered back. With both dilations 1 this is
        /// <c>Run</c>.
        /// </summary>
        /// <param name="outputTile">2 for F(2x2, 3x3) or F(2x2, 5x5), 4 for F(4x4, 3x3).</param>
        /// <param name="kernelSize">3 or 5.</param>
        /// <param name="dilationHeight">Dilation along rows, at least 1.</param>
        /// <param name="dilationWidth">Dilation along columns, at least 1.</param>
        /// <param name="input">The input tensor <c>[height, width, inChannels]</c>.</param>
        /// <param name="height">Input height.</param>
        /// <param name="width">Input width.</param>
        /// <param name="inChannels">Input channels.</param>
        /// <param name="padTop">Rows of zeros above the input, a multiple of <paramref name="dilationHeight"/> (TF <c>same</c>: the dilation; <c>valid</c>: 0).</param>
        /// <param name="padLeft">Columns of zeros left of the input, a multiple of <paramref name="dilationWidth"/>.</param>
        /// <param name="transformedKernel">The kernel from <c>TransformKernel</c> (the same as undilated).</param>
        /// <param name="bias"><c>outChannels</c> floats, or empty for no bias.</param>
        /// <param name="output">The output tensor <c>[outHeight, outWidth, outChannels]</c>; must not overlap the input.</param>
        /// <param name="outHeight">Output height.</param>
        /// <param name="outWidth">Output width.</param>
        /// <param name="outChannels">Output channels.</param>
        /// <param name="activation"><see cref="Activation.Linear"/>, <see cref="Activation.ReLU"/> or <see cref="Activation.ReLU6"/>.</param>
        /// <param name="workspace"><see cref="DilatedWorkspaceLength(int, int, int, int, int, int, int, int, int, int)"/> floats of scratch.</param>
        /// <exception cref="ArgumentException">A span has the wrong length, a span overlaps another, or a padding is not a multiple of its dilation.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size or dilation is not positive, the variant is not one the kernel has, or the activation is not one of the three.</exception>
        public static void RunDilated(int outputTile, int kernelSize, int dilationHeight, int dilationWidth, ReadOnlySpan<float> input, int height, int width, int inChannels,
            int padTop, int padLeft, ReadOnlySpan<float> transformedKernel, ReadOnlySpan<float> bias, Span<float> output, int outHeight, int outWidth, int outChannels,
            Activation activation, Span<float> workspace)
        {
            Positive(dilationHeight, nameof(dilationHeight));
            Positive(dilationWidth, nameof(dilationWidth));
            if (dilationHeight == 1 && dilationWidth == 1)
            {
                Run(outputTile, kernelSize, input, height, width, inChannels, padTop, padLeft, transformedKernel, bias, output, outHeight, outWidth, outChannels, activation, workspace);
                return;
            }

            Positive(height, nameof(height));
            Positive(width, nameof(width));
            Positive(inChannels, nameof(inChannels));
            Positive(outHeight, nameof(outHeight));
            Positive(outWidth, nameof(outWidth));
            Positive(outChannels, nameof(outChannels));
            if (padTop < 0 || padLeft < 0 || padTop % dilationHeight != 0 || padLeft % dilationWidth != 0)
            {
                throw new ArgumentException(
                    $"padTop ({padTop}) and padLeft ({padLeft}) must be non-negative multiples of their dilations ({dilationHeight}, {dilationWidth}): only then does each sub-grid of the output read one sub-grid of the input.",
                    padTop < 0 || padTop % dilationHeight != 0 ? nameof(padTop) : nameof(padLeft));
            }

            Length(input.Length, height * width * inChannels, nameof(input));
            Length(output.Length, outHeight * outWidth * outChannels, nameof(output));
            int needed = DilatedWorkspaceLength(outputTile, kernelSize, inChannels, outChannels, height, width, outHeight, outWidth, dilationHeight, dilationWidth);
            if (workspace.Length < needed)
            {
                throw new ArgumentException($"workspace holds {workspace.Length} floats; RunDilated needs {needed}.", nameof(workspace));
            }

            if (input.Overlaps(output) || workspace.Overlaps(output) || workspace.Overlaps(input))
            {
                throw new ArgumentException("input, output and workspace must not overlap.", nameof(output));
            }

            Span<float> run = workspace.Slice(0, WorkspaceLength(outputTile, kernelSize, inChannels, outChannels));
            Span<float> subInput = workspace.Slice(run.Length, WinogradSizes.Ceiling(height, dilationHeight) * WinogradSizes.Ceiling(width, dilationWidth) * inChannels);
            Span<float> subOutput = workspace.Slice(run.Length + subInput.Length, WinogradSizes.Ceiling(outHeight, dilationHeight) * WinogradSizes.Ceiling(outWidth, dilationWidth) * outChannels);
            for (int a = 0; a < dilationHeight; a++)
            {
                for (int b = 0; b < dilationWidth; b++)
                {
                    // The sub-grid of rows a, a + d, ... and columns b, b + d, ...: an output row a + d·i reads input rows
                    // a + d·(i + ky - padTop / d), i.e. row i + ky - padTop / d of the input's sub-grid.
                    int subHeight = WinogradSizes.Ceiling(height - a, dilationHeight), subWidth = WinogradSizes.Ceiling(width - b, dilationWidth);
                    int subOutHeight = WinogradSizes.Ceiling(outHeight - a, dilationHeight), subOutWidth = WinogradSizes.Ceiling(outWidth - b, dilationWidth);
                    if (subOutHeight <= 0 || subOutWidth <= 0)
                    {
                        continue; // an output smaller than the dilation has no pixels in this sub-grid
                    }

                    if (subHeight <= 0 || subWidth <= 0)
                    {
                        throw new ArgumentException($"The output ({outHeight}x{outWidth}) reaches sub-grid ({a}, {b}) of the dilation, which the input ({height}x{width}) does not.", nameof(outHeight));
                    }

                    Span<float> subIn = subInput.Slice(0, subHeight * subWidth * inChannels);
                    for (int i = 0; i < subHeight; i++)
                    {
                        for (int j = 0; j < subWidth; j++)
                        {
                            input.Slice((((a + (i * dilationHeight)) * width) + b + (j * dilationWidth)) * inChannels, inChannels)
                                .CopyTo(subIn.Slice(((i * subWidth) + j) * inChannels));
                        }
                    }

                    Span<float> subOut = subOutput.Slice(0, subOutHeight * subOutWidth * outChannels);
                    Run(outputTile, kernelSize, subIn, subHeight, subWidth, inChannels, padTop / dilationHeight, padLeft / dilationWidth, transformedKernel, bias,
                        subOut, subOutHeight, subOutWidth, outChannels, activation, run);
                    for (int i = 0; i < subOutHeight; i++)
                    {
                        for (int j = 0; j < subOutWidth; j++)
                        {
                            subOut.Slice(((i * subOutWidth) + j) * outChannels, outChannels)
                                .CopyTo(output.Slice((((a + (i * dilationHeight)) * outWidth) + b + (j * dilationWidth)) * outChannels));
                        }
                    }
                }
            }
        }

        /// <summary>Floats of workspace a dilated 3x3 layer needs (see the overload with a kernel size).</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size or dilation is not positive.</exception>
        public static int DilatedWorkspaceLength(int outputTile, int inChannels, int outChannels, int height, int width, int outHeight, int outWidth, int dilationHeight, int dilationWidth) =>
            DilatedWorkspaceLength(outputTile, 3, inChannels, outChannels, height, width, outHeight, outWidth, dilationHeight, dilationWidth);

        /// <summary>Floats of workspace <c>RunDilated</c> needs: <c>WorkspaceLength</c>, and room for the largest sub-grid's input and output.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size or dilation is not positive, or the variant is not one the kernel has.</exception>
        public static int DilatedWorkspaceLength(int outputTile, int kernelSize, int inChannels, int outChannels, int height, int width, int outHeight, int outWidth, int dilationHeight, int dilationWidth)
        {
            Positive(height, nameof(height));
            Positive(width, nameof(width));
            Positive(outHeight, nameof(outHeight));
            Positive(outWidth, nameof(outWidth));
            Positive(dilationHeight, nameof(dilationHeight));
            Positive(dilationWidth, nameof(dilationWidth));
            _ = WorkspaceLength(outputTile, kernelSize, inChannels, outChannels); // checks the variant and the channels
            return dilationHeight == 1 && dilationWidth == 1
                ? WorkspaceLength(outputTile, kernelSize, inChannels, outChannels)
                : WinogradSizes.DilatedWorkspaceLength(outputTile, inChannels, outChannels, height, width, outHeight, outWidth, dilationHeight, dilationWidth, kernelSize); // the generator sizes the scratch by the same rule
        }
    }
}
