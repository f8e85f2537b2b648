using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ConvGen.Samples.Vision.Data;
using ConvGen.Vision;

namespace ConvGen.Tests.Vision
{
    public class SyntheticDataTests
    {
        private static string Hash<T>(T[] values) where T : struct => Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));

        [Fact]
        public void SegmentationSameSeedGivesSameBytesAndShorterSetsArePrefixes()
        {
            SegmentationSet a = SegmentationSet.Generate(6, 42), b = SegmentationSet.Generate(6, 42);
            Assert.Equal(Hash(a.Images), Hash(b.Images));
            Assert.Equal(Hash(a.Masks), Hash(b.Masks));

            SegmentationSet prefix = SegmentationSet.Generate(2, 42);
            Assert.True(prefix.Images.AsSpan().SequenceEqual(a.Images.AsSpan(0, prefix.Images.Length)));
            Assert.True(prefix.Masks.AsSpan().SequenceEqual(a.Masks.AsSpan(0, prefix.Masks.Length)));

            SegmentationSet other = SegmentationSet.Generate(6, 43);
            Assert.NotEqual(Hash(a.Images), Hash(other.Images));
        }

        [Fact]
        public void SegmentationRangesOfOneSeedAreSlicesOfTheLongerSetAndShareNoImage()
        {
            // Fresh training images every epoch take consecutive ranges of one seed: each range must be exactly that slice
            // of the whole sequence, and no image may repeat across ranges or appear in a set of another seed.
            SegmentationSet whole = SegmentationSet.Generate(6, 42);
            SegmentationSet tail = SegmentationSet.Generate(4, 42, firstIndex: 2);
            Assert.True(tail.Images.AsSpan().SequenceEqual(whole.Images.AsSpan(2 * SegmentationSet.ImageLength)));
            Assert.True(tail.Masks.AsSpan().SequenceEqual(whole.Masks.AsSpan(2 * SegmentationSet.MaskLength)));

            SegmentationSet other = SegmentationSet.Generate(6, 43);
            var seen = new System.Collections.Generic.HashSet<string>();
            for (int i = 0; i < 6; i++)
            {
                Assert.True(seen.Add(Hash(whole.Image(i).ToArray())), $"image {i} of seed 42 repeats");
                Assert.True(seen.Add(Hash(other.Image(i).ToArray())), $"image {i} of seed 43 repeats one of seed 42");
            }

            Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationSet.Generate(1, 42, firstIndex: -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationSet.Generate(2, 42, firstIndex: int.MaxValue));
        }

        [Fact]
        public void DetectionSameSeedGivesSameBytesAndBoxes()
        {
            DetectionSet a = DetectionSet.Generate(6, 42), b = DetectionSet.Generate(6, 42);
            Assert.Equal(Hash(a.Images), Hash(b.Images));
            Assert.Equal(a.Boxes.SelectMany(x => x), b.Boxes.SelectMany(x => x));
            Assert.NotEqual(Hash(a.Images), Hash(DetectionSet.Generate(6, 7).Images));
        }

        [Fact]
        public void SegmentationSetsHaveEveryClassAndValidPixels()
        {
            SegmentationSet set = SegmentationSet.Generate(24, 1);
            Assert.Equal(24 * 64 * 64 * 3, set.Images.Length);
            Assert.All(set.Images, v => Assert.InRange(v, 0f, 1f));
            int[] counts = new int[SegmentationSet.Classes];
            foreach (int label in set.Masks)
                counts[label]++;
            // Every class is drawn, and shapes cover a fair share of the pixels without swamping the background.
            Assert.All(counts, c => Assert.True(c > 0));
            Assert.InRange(counts[0] / (double)set.Masks.Length, 0.5, 0.95);
            Assert.True(set.Images.Distinct().Count() > 10000, "images are textured and noisy, not flat");
        }

        [Fact]
        public void LaterShapesOccludeEarlierOnesInTheMask()
        {
            // Two discs overlapping on x in [20, 30]: the second (label 2) wins the overlap; the first keeps its left part.
            var scene = new Scene(32, 48);
            var first = scene.Paint(new Ellipse(15, 16, 10, 10), 1, 0, 0, 1);
            scene.Paint(new Ellipse(33, 16, 10, 10), 0, 0, 1, 2);
            Assert.Equal(2, scene.Labels[16 * 48 + 24]);
            Assert.Equal(1, scene.Labels[16 * 48 + 10]);
            Assert.Equal(0, scene.Labels[16 * 48 + 46]);
            // The image at the overlap has the second colour, and the first disc's reported extent is pixels 5..24 x 6..25.
            Assert.Equal(1f, scene.Image[(16 * 48 + 24) * 3 + 2]);
            Assert.Equal((5, 6, 25, 26), first);
        }

        [Fact]
        public void DetectionBoxesAreInsideTheImageOnePerCellAndAllEncodable()
        {
            DetectionSet set = DetectionSet.Generate(40, 3);
            var layout = new GridLayout(64, 64, 8, 8, 3, new AnchorSize(16, 16));
            (float[] targets, float[] masks) = set.Encode(layout);
            int total = 0;
            foreach (BoundingBox[] boxes in set.Boxes)
            {
                Assert.InRange(boxes.Length, 1, 6);
                total += boxes.Length;
                foreach (BoundingBox box in boxes)
                {
                    Assert.InRange(box.XMin, 0f, 64f);
                    Assert.InRange(box.XMax, box.XMin + 1, 64f);
                    Assert.InRange(box.YMax, box.YMin + 1, 64f);
                    Assert.InRange(box.ClassId, 0, 2);
                }
                for (int i = 0; i < boxes.Length; i++)
                {
                    for (int j = i + 1; j < boxes.Length; j++)
                        Assert.True(BoundingBox.IntersectionOverUnion(boxes[i], boxes[j]) <= 1.0 / 3 + 1e-9);
                }
            }
            // Every box has a cell of its own: the encoder placed all of them.
            Assert.Equal(total, (int)masks.Sum());
            Assert.Equal(total, (int)Enumerable.Range(0, masks.Length).Sum(m => targets[m * layout.ChannelsPerAnchor]));
            Assert.True(set.Boxes.Select(b => b.Length).Distinct().Count() >= 4, "object counts vary");
        }

        [Fact]
        public void SampleRandomIsFixedBySeed()
        {
            // SplitMix64 from state 0: the first output is 0xE220A8397B1DCDAF (the published reference value).
            Assert.Equal(0xE220A8397B1DCDAFUL, new SampleRandom(0).NextUInt64());
            var r = new SampleRandom(9);
            Assert.All(Enumerable.Range(0, 1000).Select(_ => r.NextFloat()), v => Assert.InRange(v, 0f, 0.99999995f));
            Assert.Throws<ArgumentOutOfRangeException>(() => r.Next(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationSet.Generate(-1, 0));
        }
    }
}
