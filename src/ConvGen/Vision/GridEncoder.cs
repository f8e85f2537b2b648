using System;

namespace ConvGen.Vision
{
    /// <summary>
    /// Builds the training target of a <see cref="GridLayout"/> head from ground-truth boxes, the inverse of
    /// <see cref="GridDecoder"/>. A box goes to the cell holding its center (a center on the right or bottom image edge
    /// goes to the last cell) and to the anchor whose shape fits it best (IoU of the two sizes centered on each other;
    /// lowest index on ties). Target channels per cell and anchor, same layout as the head output:
    /// <c>[objectness 0/1, offset x in [0, 1], offset y in [0, 1], ln(width / anchor width), ln(height / anchor height), one-hot class]</c>.
    /// The mask (<c>[GridRows, GridColumns, AnchorCount]</c>) is 1 where a box was placed.
    /// </summary>
    public sealed class GridEncoder
    {
        /// <summary>Makes an encoder for one head layout.</summary>
        public GridEncoder(GridLayout layout)
        {
            ArgumentNullException.ThrowIfNull(layout);
            Layout = layout;
        }

        /// <summary>The head layout.</summary>
        public GridLayout Layout { get; }

        /// <summary>
        /// Clears <paramref name="target"/> and <paramref name="mask"/> and encodes the boxes; returns how many were placed.
        /// Zero-width or zero-height boxes are skipped (their log size is undefined); when two boxes want one cell and
        /// anchor the first keeps it. Throws for a box whose center lies outside the image or whose class is out of range.
        /// </summary>
        public int Encode(ReadOnlySpan<BoundingBox> boxes, Span<float> target, Span<float> mask)
        {
            GridLayout layout = Layout;
            if (target.Length != layout.OutputLength)
                throw new ArgumentException($"The target has {target.Length} floats; a [{layout.GridRows}, {layout.GridColumns}, {layout.Channels}] tensor has {layout.OutputLength}.", nameof(target));
            if (mask.Length != layout.MaskLength)
                throw new ArgumentException($"The mask has {mask.Length} floats; [{layout.GridRows}, {layout.GridColumns}, {layout.AnchorCount}] has {layout.MaskLength}.", nameof(mask));
            target.Clear();
            mask.Clear();

            int placed = 0;
            for (int i = 0; i < boxes.Length; i++)
            {
                BoundingBox box = boxes[i];
                if (box.ClassId >= layout.Classes)
                    throw new ArgumentException($"Box {i} has class {box.ClassId}; the layout has {layout.Classes} classes.", nameof(boxes));
                float centerX = box.CenterX, centerY = box.CenterY;
                if (centerX < 0 || centerX > layout.ImageWidth || centerY < 0 || centerY > layout.ImageHeight)
                    throw new ArgumentException($"Box {i} has its center ({centerX}, {centerY}) outside the {layout.ImageWidth}x{layout.ImageHeight} image.", nameof(boxes));
                if (!(box.Width > 0f && box.Height > 0f))
                    continue;

                float gridX = centerX / layout.CellWidth, gridY = centerY / layout.CellHeight;
                int column = Math.Min((int)gridX, layout.GridColumns - 1);
                int row = Math.Min((int)gridY, layout.GridRows - 1);
                int anchorIndex = BestAnchor(box.Width, box.Height);
                int cell = (row * layout.GridColumns + column) * layout.AnchorCount + anchorIndex;
                if (mask[cell] != 0f)
                    continue;

                AnchorSize anchor = layout.Anchor(anchorIndex);
                Span<float> t = target.Slice(cell * layout.ChannelsPerAnchor, layout.ChannelsPerAnchor);
                t[0] = 1f;
                t[1] = gridX - column;
                t[2] = gridY - row;
                t[3] = MathF.Log(box.Width / anchor.Width);
                t[4] = MathF.Log(box.Height / anchor.Height);
                t[5 + box.ClassId] = 1f;
                mask[cell] = 1f;
                placed++;
            }
            return placed;
        }

        private int BestAnchor(float width, float height)
        {
            int best = 0;
            double bestIou = -1;
            for (int a = 0; a < Layout.AnchorCount; a++)
            {
                AnchorSize anchor = Layout.Anchor(a);
                double intersection = (double)Math.Min(width, anchor.Width) * Math.Min(height, anchor.Height);
                double iou = intersection / ((double)width * height + (double)anchor.Width * anchor.Height - intersection);
                if (iou > bestIou)
                {
                    best = a;
                    bestIou = iou;
                }
            }
            return best;
        }
    }
}
