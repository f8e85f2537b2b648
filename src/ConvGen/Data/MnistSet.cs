using System;
using System.Collections.Generic;

namespace ConvGen.Data
{
    /// <summary>
    /// Labelled 28x28 grey images: <see cref="Images"/> holds <see cref="Count"/> images in NHWC order ([N, 28, 28, 1],
    /// values in [0, 1], pixel byte / 255) and <see cref="Labels"/> one class 0..9 per image.
    /// </summary>
    public sealed class MnistSet
    {
        /// <summary>Image height in pixels.</summary>
        public const int ImageHeight = 28;

        /// <summary>Image width in pixels.</summary>
        public const int ImageWidth = 28;

        /// <summary>Floats per image (28 * 28 * 1).</summary>
        public const int ImageLength = ImageHeight * ImageWidth;

        /// <summary>The number of classes (digits 0..9).</summary>
        public const int ClassCount = 10;

        /// <summary>Wraps images and labels (not copied) after checking their lengths and label range.</summary>
        public MnistSet(float[] images, int[] labels)
        {
            ArgumentNullException.ThrowIfNull(images);
            ArgumentNullException.ThrowIfNull(labels);
            if (images.Length != labels.Length * ImageLength)
            {
                throw new ArgumentException($"{labels.Length} labels need {labels.Length * (long)ImageLength} image floats ({ImageLength} per image), got {images.Length}.", nameof(images));
            }

            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= ClassCount)
                {
                    throw new ArgumentException($"label {i} is {labels[i]}, expected 0..{ClassCount - 1}.", nameof(labels));
                }
            }

            Images = images;
            Labels = labels;
        }

        /// <summary>All images, NHWC, [Count, 28, 28, 1], values in [0, 1].</summary>
        public float[] Images { get; }

        /// <summary>One class 0..9 per image.</summary>
        public int[] Labels { get; }

        /// <summary>The number of images.</summary>
        public int Count => Labels.Length;

        /// <summary>Image <paramref name="index"/> as 784 floats.</summary>
        public ReadOnlySpan<float> Image(int index) => Images.AsSpan(index * ImageLength, ImageLength);

        /// <summary>Reads an images file ([N, 28, 28]) and a labels file ([N]) in IDX format (".gz" accepted).</summary>
        public static MnistSet Load(string imagesPath, string labelsPath)
            => FromIdx(IdxReader.Read(imagesPath, expectedRank: 3), IdxReader.Read(labelsPath, expectedRank: 1));

        /// <summary>Converts IDX images ([N, 28, 28]) and labels ([N]); the counts must agree and every label be 0..9.</summary>
        public static MnistSet FromIdx(IdxFile images, IdxFile labels)
        {
            ArgumentNullException.ThrowIfNull(images);
            ArgumentNullException.ThrowIfNull(labels);
            if (images.Dimensions.Count != 3 || images.Dimensions[1] != ImageHeight || images.Dimensions[2] != ImageWidth)
            {
                throw new IdxFormatException(images.Source, $"expected images of shape [N, {ImageHeight}, {ImageWidth}], got {images.ShapeText}.");
            }

            if (labels.Dimensions.Count != 1)
            {
                throw new IdxFormatException(labels.Source, $"expected labels of shape [N], got {labels.ShapeText}.");
            }

            if (images.Count != labels.Count)
            {
                throw new IdxFormatException(labels.Source, $"holds {labels.Count} labels but {images.Source} holds {images.Count} images; the counts must agree.");
            }

            var result = new int[labels.Count];
            for (int i = 0; i < result.Length; i++)
            {
                byte label = labels.Data[i];
                if (label >= ClassCount)
                {
                    throw new IdxFormatException(labels.Source, $"label {i} is {label}, expected 0..{ClassCount - 1}.");
                }

                result[i] = label;
            }

            var pixels = new float[images.Data.Length];
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = images.Data[i] / 255f;
            }

            return new MnistSet(pixels, result);
        }

        /// <summary>The images at <paramref name="indices"/>, in that order (copied).</summary>
        public MnistSet Subset(IReadOnlyList<int> indices)
        {
            ArgumentNullException.ThrowIfNull(indices);
            var images = new float[indices.Count * ImageLength];
            var labels = new int[indices.Count];
            for (int i = 0; i < indices.Count; i++)
            {
                int index = indices[i];
                if ((uint)index >= (uint)Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(indices), $"index {index} at position {i} is outside 0..{Count - 1}.");
                }

                Image(index).CopyTo(images.AsSpan(i * ImageLength));
                labels[i] = Labels[index];
            }

            return new MnistSet(images, labels);
        }
    }
}
