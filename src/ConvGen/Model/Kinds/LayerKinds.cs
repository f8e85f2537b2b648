using System.Collections.Generic;

namespace ConvGen
{
    /// <summary>The registry of <see cref="LayerKindInfo"/>s: one per <see cref="LayerKind"/>, found by the kind.</summary>
    public static class LayerKinds
    {
        private static readonly LayerKindInfo?[] ByKind = Build();

        /// <summary>Every kind's descriptor, in <see cref="LayerKind"/> order.</summary>
        public static IReadOnlyList<LayerKindInfo> All { get; } = Known();

        /// <summary>The descriptor of <paramref name="kind"/>; null for a value that is no <see cref="LayerKind"/> (never throws).</summary>
        public static LayerKindInfo? For(LayerKind kind) => (uint)kind < (uint)ByKind.Length ? ByKind[(int)kind] : null;

        /// <summary>The descriptor whose attribute class is named <paramref name="attributeName"/> ("Conv2DAttribute", ...); null if none.</summary>
        public static LayerKindInfo? ForAttribute(string attributeName)
        {
            foreach (LayerKindInfo info in All)
            {
                if (info.AttributeName == attributeName)
                {
                    return info;
                }
            }

            return null;
        }

        /// <summary>True for the kinds that apply <see cref="LayerSpec.Activation"/> to their result.</summary>
        public static bool HasActivation(LayerKind kind) => For(kind)?.HasActivation ?? false;

        private static LayerKindInfo?[] Build()
        {
            var families = new[] { ConvolutionKinds.All, PoolingKinds.All, SpatialKinds.All, DenseKinds.All, ChannelKinds.All, MergeKinds.All };
            int length = 0;
            foreach (LayerKindInfo[] family in families)
            {
                foreach (LayerKindInfo info in family)
                {
                    length = (int)info.Kind + 1 > length ? (int)info.Kind + 1 : length;
                }
            }

            var byKind = new LayerKindInfo?[length];
            foreach (LayerKindInfo[] family in families)
            {
                foreach (LayerKindInfo info in family)
                {
                    byKind[(int)info.Kind] = info;
                }
            }

            return byKind;
        }

        private static LayerKindInfo[] Known()
        {
            var known = new List<LayerKindInfo>();
            foreach (LayerKindInfo? info in ByKind)
            {
                if (info is not null)
                {
                    known.Add(info);
                }
            }

            return known.ToArray();
        }
    }
}
