using System;

namespace ConvGen.Vision
{
    /// <summary>
    /// Turns one image's raw head output (<see cref="GridLayout"/>) into boxes in pixel coordinates. The score of a cell
    /// and anchor is sigmoid(objectness) times the largest softmax class probability (YOLOv2), its class that argmax
    /// (lowest index on ties). Boxes are clipped to the image. Run <see cref="NonMaxSuppression"/> on the result.
    /// </summary>
    public sealed class GridDecoder
    {
        /// <summary>Makes a decoder for one head layout.</summary>
        public GridDecoder(GridLayout layout)
        {
            ArgumentNullException.ThrowIfNull(layout);
            Layout = layout;
        }

        /// <summary>The head layout.</summary>
        public GridLayout Layout { get; }

        /// <summary>The most boxes one image can give (one per cell and anchor): size the destination with it.</summary>
        public int MaxBoxes => Layout.MaskLength;

        /// <summary>
        /// Writes every box whose score is at least <paramref name="scoreThreshold"/> into <paramref name="destination"/>
        /// in cell order (row, column, anchor) and returns how many; allocates nothing.
        /// </summary>
        public int Decode(ReadOnlySpan<float> output, float scoreThreshold, Span<BoundingBox> destination)
        {
            GridLayout layout = Layout;
            if (output.Length != layout.OutputLength)
                throw new ArgumentException($"The head output has {output.Length} floats; a [{layout.GridRows}, {layout.GridColumns}, {layout.Channels}] tensor has {layout.OutputLength}.", nameof(output));
            if (float.IsNaN(scoreThreshold))
                throw new ArgumentException("The score threshold is NaN.", nameof(scoreThreshold));

            int count = 0;
            int stride = layout.ChannelsPerAnchor;
            float cellWidth = layout.CellWidth, cellHeight = layout.CellHeight;
            for (int row = 0; row < layout.GridRows; row++)
            {
                for (int column = 0; column < layout.GridColumns; column++)
                {
                    for (int a = 0; a < layout.AnchorCount; a++)
                    {
                        int offset = ((row * layout.GridColumns + column) * layout.AnchorCount + a) * stride;
                        ReadOnlySpan<float> cell = output.Slice(offset, stride);
                        for (int k = 0; k < stride; k++)
                        {
                            if (!float.IsFinite(cell[k]))
                                throw new ArgumentException($"The head output has a non-finite value ({cell[k]}) at row {row}, column {column}, anchor {a}, channel {k}.", nameof(output));
                        }
                        ReadOnlySpan<float> logits = cell.Slice(5);
                        int best = 0;
                        for (int k = 1; k < logits.Length; k++)
                        {
                            if (logits[k] > logits[best])
                                best = k;
                        }
                        float classProbability = MathF.Exp(logits[best] - VisionMath.LogSumExp(logits));
                        float score = VisionMath.Sigmoid(cell[0]) * classProbability;
                        if (!(score >= scoreThreshold))
                            continue;

                        AnchorSize anchor = layout.Anchor(a);
                        float centerX = (column + VisionMath.Sigmoid(cell[1])) * cellWidth;
                        float centerY = (row + VisionMath.Sigmoid(cell[2])) * cellHeight;
                        // exp is capped so a wild logit gives an image-sized box, not infinity.
                        float width = anchor.Width * MathF.Exp(MathF.Min(cell[3], 30f));
                        float height = anchor.Height * MathF.Exp(MathF.Min(cell[4], 30f));
                        if (count == destination.Length)
                            throw new ArgumentException($"The destination holds {destination.Length} boxes but more pass the threshold; size it with MaxBoxes ({MaxBoxes}).", nameof(destination));
                        destination[count++] = new BoundingBox(
                            Math.Clamp(centerX - 0.5f * width, 0f, layout.ImageWidth),
                            Math.Clamp(centerY - 0.5f * height, 0f, layout.ImageHeight),
                            Math.Clamp(centerX + 0.5f * width, 0f, layout.ImageWidth),
                            Math.Clamp(centerY + 0.5f * height, 0f, layout.ImageHeight),
                            best,
                            score);
                    }
                }
            }
            return count;
        }

        /// <summary>Convenience: decodes, then keeps the boxes that class-aware NMS keeps (score order).</summary>
        public BoundingBox[] DecodeAndSuppress(ReadOnlySpan<float> output, float scoreThreshold, float iouThreshold)
        {
            var candidates = new BoundingBox[MaxBoxes];
            int count = Decode(output, scoreThreshold, candidates);
            return NonMaxSuppression.Apply(candidates.AsSpan(0, count), scoreThreshold, iouThreshold);
        }
    }
}
