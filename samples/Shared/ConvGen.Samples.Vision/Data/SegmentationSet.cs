using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace ConvGen.Samples.Vision.Data
{
    /// <summary>
    /// Seeded synthetic segmentation data: 64x64 RGB images with 3 to 6 overlapping discs, rectangles, triangles and rings
    /// of random size, colour and rotation on textured, noisy backgrounds under a lighting gradient; the target is a class
    /// per pixel (0 background, 1 disc, 2 rectangle, 3 triangle, 4 ring), later shapes occluding earlier ones. Image i
    /// depends only on (seed, i): the same seed gives the same bytes, and a shorter set is a prefix of a longer one.
    /// </summary>
    public sealed class SegmentationSet
    {
        /// <summary>Image height.</summary>
        public const int Height = 64;

        /// <summary>Image width.</summary>
        public const int Width = 64;

        /// <summary>Classes including background.</summary>
        public const int Classes = 5;

        /// <summary>Floats per image.</summary>
        public const int ImageLength = Height * Width * 3;

        /// <summary>Labels per image.</summary>
        public const int MaskLength = Height * Width;

        /// <summary>Class names by id.</summary>
        public static IReadOnlyList<string> ClassNames { get; } = new[] { "background", "disc", "rectangle", "triangle", "ring" };

        private SegmentationSet(int count, float[] images, int[] masks)
        {
            Count = count;
            Images = images;
            Masks = masks;
        }

        /// <summary>Number of images.</summary>
        public int Count { get; }

        /// <summary>All images, [Count, 64, 64, 3], values in [0, 1].</summary>
        public float[] Images { get; }

        /// <summary>All masks, [Count, 64, 64], class ids.</summary>
        public int[] Masks { get; }

        /// <summary>Image <paramref name="index"/>.</summary>
        public ReadOnlySpan<float> Image(int index) => Images.AsSpan(index * ImageLength, ImageLength);

        /// <summary>Mask of image <paramref name="index"/>.</summary>
        public ReadOnlySpan<int> Mask(int index) => Masks.AsSpan(index * MaskLength, MaskLength);

        /// <summary>Makes <paramref name="count"/> images from <paramref name="seed"/>.</summary>
        public static SegmentationSet Generate(int count, int seed) => Generate(count, seed, firstIndex: 0);

        /// <summary>
        /// Makes images <paramref name="firstIndex"/> to <paramref name="firstIndex"/> + <paramref name="count"/> - 1 of
        /// <paramref name="seed"/>'s sequence: consecutive ranges of one seed never share an image, so training can take
        /// fresh images every epoch, and sets of different seeds are disjoint.
        /// </summary>
        public static SegmentationSet Generate(int count, int seed, int firstIndex)
        {
            if (count < 0)
                throw new ArgumentOutOfRangeException(nameof(count), count, "The image count cannot be negative.");
            if (firstIndex < 0 || firstIndex > int.MaxValue - count)
                throw new ArgumentOutOfRangeException(nameof(firstIndex), firstIndex, "The images' indices must lie in [0, int.MaxValue].");
            var images = new float[count * ImageLength];
            var masks = new int[count * MaskLength];
            // Images are independent streams written to their own slices: parallel and still deterministic.
            Parallel.For(0, count, i =>
            {
                Scene scene = Draw(SampleRandom.ForImage(seed, firstIndex + i, stream: 1));
                scene.Image.CopyTo(images, i * ImageLength);
                scene.Labels.CopyTo(masks, i * MaskLength);
            });
            return new SegmentationSet(count, images, masks);
        }

        private static Scene Draw(SampleRandom random)
        {
            var scene = new Scene(Height, Width);
            scene.PaintBackground(random);
            int shapes = random.Range(3, 7);
            for (int s = 0; s < shapes; s++)
            {
                int label = random.Range(1, Classes);
                Shape shape = MakeShape(label, random);
                (float r, float g, float b) = scene.ContrastingColour(random, shape);
                scene.Paint(shape, r, g, b, label);
            }
            scene.Finish(random, noise: 0.03f);
            return scene;
        }

        private static Shape MakeShape(int label, SampleRandom random)
        {
            float cx = random.Range(4f, Width - 4f), cy = random.Range(4f, Height - 4f);
            float size = random.Range(6f, 15f);
            float angle = random.Range(0f, MathF.PI);
            switch (label)
            {
                case 1:
                    return new Ellipse(cx, cy, size * 0.8f, size * 0.8f);
                case 2:
                    return new RotatedRectangle(cx, cy, size * random.Range(0.45f, 1f), size * random.Range(0.45f, 1f), angle);
                case 3:
                {
                    Span<float> v = stackalloc float[6];
                    for (int k = 0; k < 3; k++)
                    {
                        float a = angle * 2f + k * (2f * MathF.PI / 3f) + random.Range(-0.35f, 0.35f);
                        float r = size * random.Range(0.8f, 1.15f);
                        v[2 * k] = cx + r * MathF.Cos(a);
                        v[2 * k + 1] = cy + r * MathF.Sin(a);
                    }
                    return new Triangle(v[0], v[1], v[2], v[3], v[4], v[5]);
                }
                default:
                    return new Ellipse(cx, cy, size, size, 0f, random.Range(0.45f, 0.7f));
            }
        }
    }
}
