using System;
using System.Collections.Generic;

namespace ConvGen.Vision
{
    /// <summary>
    /// The layout of a YOLO-style detection head: an NHWC tensor <c>[GridRows, GridColumns, Anchors * (5 + Classes)]</c>
    /// over an image of <c>ImageHeight x ImageWidth</c> pixels. Per cell and anchor the channels are
    /// <c>[objectness logit, tx, ty, tw, th, class logit 0, ..., class logit C-1]</c>, and the box they describe is
    /// (YOLOv2 parameterization, log-space sizes):
    /// <code>
    /// centerX = (column + sigmoid(tx)) * CellWidth      centerY = (row + sigmoid(ty)) * CellHeight
    /// width   = anchor.Width  * exp(tw)                  height  = anchor.Height * exp(th)
    /// </code>
    /// With one anchor the tensor is simply <c>[S, S, 5 + Classes]</c>.
    /// </summary>
    public sealed class GridLayout
    {
        private readonly AnchorSize[] _anchors;

        /// <summary>Describes the head; at least one anchor is required.</summary>
        public GridLayout(int imageHeight, int imageWidth, int gridRows, int gridColumns, int classes, params AnchorSize[] anchors)
        {
            if (imageHeight <= 0)
                throw new ArgumentOutOfRangeException(nameof(imageHeight), imageHeight, "Image height must be positive.");
            if (imageWidth <= 0)
                throw new ArgumentOutOfRangeException(nameof(imageWidth), imageWidth, "Image width must be positive.");
            if (gridRows <= 0)
                throw new ArgumentOutOfRangeException(nameof(gridRows), gridRows, "Grid rows must be positive.");
            if (gridColumns <= 0)
                throw new ArgumentOutOfRangeException(nameof(gridColumns), gridColumns, "Grid columns must be positive.");
            if (classes <= 0)
                throw new ArgumentOutOfRangeException(nameof(classes), classes, "A detector needs at least one class.");
            ArgumentNullException.ThrowIfNull(anchors);
            if (anchors.Length == 0)
                throw new ArgumentException("A grid layout needs at least one anchor (one anchor gives [S, S, 5 + classes]).", nameof(anchors));
            foreach (AnchorSize anchor in anchors)
            {
                if (!(anchor.Width > 0f && anchor.Height > 0f))
                    throw new ArgumentException("Anchors must have a positive size (default(AnchorSize) is not one).", nameof(anchors));
            }

            ImageHeight = imageHeight;
            ImageWidth = imageWidth;
            GridRows = gridRows;
            GridColumns = gridColumns;
            Classes = classes;
            _anchors = (AnchorSize[])anchors.Clone();
        }

        /// <summary>Image height, pixels.</summary>
        public int ImageHeight { get; }

        /// <summary>Image width, pixels.</summary>
        public int ImageWidth { get; }

        /// <summary>Cells down.</summary>
        public int GridRows { get; }

        /// <summary>Cells across.</summary>
        public int GridColumns { get; }

        /// <summary>Object classes (background is not a class here).</summary>
        public int Classes { get; }

        /// <summary>The anchors, in channel order.</summary>
        public IReadOnlyList<AnchorSize> Anchors => _anchors;

        /// <summary>Anchors per cell.</summary>
        public int AnchorCount => _anchors.Length;

        /// <summary>5 + Classes.</summary>
        public int ChannelsPerAnchor => 5 + Classes;

        /// <summary>AnchorCount * (5 + Classes): the head's output channels.</summary>
        public int Channels => AnchorCount * ChannelsPerAnchor;

        /// <summary>Floats in one image's head output (and in one encoded target).</summary>
        public int OutputLength => GridRows * GridColumns * Channels;

        /// <summary>Floats in one image's mask: one per cell and anchor.</summary>
        public int MaskLength => GridRows * GridColumns * AnchorCount;

        /// <summary>Cell width in pixels.</summary>
        public float CellWidth => (float)ImageWidth / GridColumns;

        /// <summary>Cell height in pixels.</summary>
        public float CellHeight => (float)ImageHeight / GridRows;

        internal AnchorSize Anchor(int index) => _anchors[index];
    }
}
