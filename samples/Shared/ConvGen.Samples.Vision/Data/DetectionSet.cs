using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ConvGen.Vision;

namespace ConvGen.Samples.Vision.Data
{
    /// <summary>
    /// Seeded synthetic detection data: 64x64 RGB images with 1 to 6 objects of 3 classes (0 filled box, 1 ring, 2 cross)
    /// of varied size (10 to 26 pixels a side) and aspect, partly occluding each other and cut by the border, over a
    /// textured background with distractor strokes and specks (some drawn over the objects) and noise. Boxes are the full
    /// (amodal) extent of each object's pixels, clipped to the image. Placement keeps any two boxes' intersection at most
    /// half of the smaller one (so IoU at most 1/3) and their centers in different 8x8 cells, so a one-anchor 8x8 grid can
    /// hold every box. Image i depends only on
    /// (seed, i).
    /// </summary>
    public sealed class DetectionSet
    {
        /// <summary>Image height.</summary>
        public const int Height = 64;

        /// <summary>Image width.</summary>
        public const int Width = 64;

        /// <summary>Object classes.</summary>
        public const int Classes = 3;

        /// <summary>Floats per image.</summary>
        public const int ImageLength = Height * Width * 3;

        /// <summary>The grid cell size placement keeps centers apart by.</summary>
        public const int CellSize = 8;

        /// <summary>Class names by id.</summary>
        public static IReadOnlyList<string> ClassNames { get; } = new[] { "box", "ring", "cross" };

        private DetectionSet(int count, float[] images, BoundingBox[][] boxes)
        {
            Count = count;
            Images = images;
            Boxes = boxes;
        }

        /// <summary>Number of images.</summary>
        public int Count { get; }

        /// <summary>All images, [Count, 64, 64, 3], values in [0, 1].</summary>
        public float[] Images { get; }

        /// <summary>Ground-truth boxes per image, in drawing order.</summary>
        public BoundingBox[][] Boxes { get; }

        /// <summary>Image <paramref name="index"/>.</summary>
        public ReadOnlySpan<float> Image(int index) => Images.AsSpan(index * ImageLength, ImageLength);

        /// <summary>Encodes every image's boxes for a head of this layout: targets [Count, layout.OutputLength], masks [Count, layout.MaskLength].</summary>
        public (float[] Targets, float[] Masks) Encode(GridLayout layout)
        {
            ArgumentNullException.ThrowIfNull(layout);
            var encoder = new GridEncoder(layout);
            var targets = new float[Count * layout.OutputLength];
            var masks = new float[Count * layout.MaskLength];
            for (int i = 0; i < Count; i++)
                encoder.Encode(Boxes[i], targets.AsSpan(i * layout.OutputLength, layout.OutputLength), masks.AsSpan(i * layout.MaskLength, layout.MaskLength));
            return (targets, masks);
        }

        /// <summary>Makes <paramref name="count"/> images from <paramref name="seed"/>.</summary>
        public static DetectionSet Generate(int count, int seed)
        {
            if (count < 0)
                throw new ArgumentOutOfRangeException(nameof(count), count, "The image count cannot be negative.");
            var images = new float[count * ImageLength];
            var boxes = new BoundingBox[count][];
            // Images are independent streams written to their own slices: parallel and still deterministic.
            Parallel.For(0, count, i =>
            {
                (Scene scene, BoundingBox[] imageBoxes) = Draw(SampleRandom.ForImage(seed, i, stream: 2));
                scene.Image.CopyTo(images, i * ImageLength);
                boxes[i] = imageBoxes;
            });
            return new DetectionSet(count, images, boxes);
        }

        private static (Scene, BoundingBox[]) Draw(SampleRandom random)
        {
            var scene = new Scene(Height, Width);
            scene.PaintBackground(random);
            int strokes = random.Range(2, 7);
            for (int s = 0; s < strokes; s++)
                PaintClutter(scene, random);

            var boxes = new List<BoundingBox>();
            int wanted = random.Range(1, 7);
            for (int o = 0; o < wanted; o++)
            {
                for (int attempt = 0; attempt < 20; attempt++)
                {
                    int classId = random.Next(Classes);
                    float w = random.Range(10f, 26f);
                    float h = Math.Clamp(w * random.Range(0.5f, 2f), 10f, 26f);
                    float cx = random.Range(w / 2 - 3f, Width - w / 2 + 3f), cy = random.Range(h / 2 - 3f, Height - h / 2 + 3f);
                    Shape shape = classId switch
                    {
                        0 => new RotatedRectangle(cx, cy, w / 2, h / 2),
                        1 => new Ellipse(cx, cy, w / 2, h / 2, 0f, random.Range(0.5f, 0.72f)),
                        _ => new Cross(cx, cy, w / 2, h / 2, random.Range(1.5f, MathF.Max(1.6f, 0.2f * MathF.Min(w, h)))),
                    };
                    BoundingBox? box = Extent(shape, classId);
                    if (box is null || !FitsWith(box.Value, boxes))
                        continue;
                    (float r, float g, float b) = scene.ContrastingColour(random, shape, 0.4f);
                    scene.Paint(shape, r, g, b);
                    boxes.Add(box.Value);
                    break;
                }
            }

            int over = random.Range(0, 3);
            for (int s = 0; s < over; s++)
                PaintClutter(scene, random);
            scene.Finish(random, noise: 0.04f);
            return (scene, boxes.ToArray());
        }

        // The pixel-center extent of the shape (what Scene.Paint would report), computed without painting.
        private static BoundingBox? Extent(Shape shape, int classId)
        {
            (float ex0, float ey0, float ex1, float ey1) = shape.Extent;
            int x0 = Math.Max(0, (int)MathF.Floor(ex0)), y0 = Math.Max(0, (int)MathF.Floor(ey0));
            int x1 = Math.Min(Width - 1, (int)MathF.Ceiling(ex1)), y1 = Math.Min(Height - 1, (int)MathF.Ceiling(ey1));
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    if (!shape.Contains(x + 0.5f, y + 0.5f))
                        continue;
                    minX = Math.Min(minX, x);
                    minY = Math.Min(minY, y);
                    maxX = Math.Max(maxX, x);
                    maxY = Math.Max(maxY, y);
                }
            }
            return maxX < 0 ? null : new BoundingBox(minX, minY, maxX + 1, maxY + 1, classId);
        }

        private static bool FitsWith(BoundingBox box, List<BoundingBox> placed)
        {
            int cell = CellOf(box);
            foreach (BoundingBox other in placed)
            {
                if (CellOf(other) == cell || Overlap(box, other) > 0.5f)
                    return false;
            }
            return true;
        }

        // Intersection over the smaller box: at most half of either object may be hidden (so IoU stays at or below 1/3).
        private static float Overlap(BoundingBox a, BoundingBox b)
        {
            float w = MathF.Min(a.XMax, b.XMax) - MathF.Max(a.XMin, b.XMin), h = MathF.Min(a.YMax, b.YMax) - MathF.Max(a.YMin, b.YMin);
            return w <= 0 || h <= 0 ? 0f : w * h / MathF.Min(a.Area, b.Area);
        }

        private static int CellOf(BoundingBox box) =>
            Math.Min((int)(box.CenterY / CellSize), Height / CellSize - 1) * (Width / CellSize) + Math.Min((int)(box.CenterX / CellSize), Width / CellSize - 1);

        private static void PaintClutter(Scene scene, SampleRandom random)
        {
            float r = random.NextFloat(), g = random.NextFloat(), b = random.NextFloat();
            if (random.Next(3) == 0)
            {
                // A speck: a small blob, smaller than any object.
                scene.Paint(new Ellipse(random.Range(0f, Width), random.Range(0f, Height), random.Range(1f, 2.5f), random.Range(1f, 2.5f)), r, g, b);
                return;
            }
            float x0 = random.Range(0f, Width), y0 = random.Range(0f, Height);
            float angle = random.Range(0f, 2f * MathF.PI), length = random.Range(8f, 40f);
            scene.Paint(new Stroke(x0, y0, x0 + length * MathF.Cos(angle), y0 + length * MathF.Sin(angle), random.Range(0.4f, 1.1f)), r, g, b);
        }
    }
}
