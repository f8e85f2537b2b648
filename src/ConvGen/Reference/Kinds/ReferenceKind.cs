using System;

namespace ConvGen.Reference
{
    /// <summary>
    /// One layer kind in the reference: its forward (one image, result before the activation) and its backward
    /// (adds d(loss)/d(input) into <c>dInputs</c> and, when <c>dWeights</c> is given, d(loss)/d(parameters) into it).
    /// Each family declares its kinds in <c>Reference/Kinds/*Reference.cs</c> beside the loops; found with <see cref="For"/>.
    /// </summary>
    internal sealed class ReferenceKind
    {
        private static readonly ReferenceKind?[] ByKind = Build();

        public ReferenceKind(LayerKind kind, Func<LayerPass, double[]> forward, Action<LayerPass, double[], double[][], double[][]?> backward)
        {
            Kind = kind;
            Forward = forward;
            Backward = backward;
        }

        public LayerKind Kind { get; }

        /// <summary>The layer's result for one image, before its activation.</summary>
        public Func<LayerPass, double[]> Forward { get; }

        /// <summary>(pass, dy, dInputs, dWeights): dy is d(loss)/d(result before the activation); everything accumulates (+=).</summary>
        public Action<LayerPass, double[], double[][], double[][]?> Backward { get; }

        /// <summary>The reference of <paramref name="kind"/>.</summary>
        /// <exception cref="NotSupportedException">The kind has no reference (a value that is no <see cref="LayerKind"/>).</exception>
        public static ReferenceKind For(LayerKind kind) =>
            ((uint)kind < (uint)ByKind.Length ? ByKind[(int)kind] : null)
            ?? throw new NotSupportedException($"Layer kind {kind} is not supported by the reference interpreter.");

        /// <summary>Whether <paramref name="kind"/> has a reference.</summary>
        public static bool Exists(LayerKind kind) => (uint)kind < (uint)ByKind.Length && ByKind[(int)kind] is not null;

        /// <summary>The gradient of a layer whose result is its input: dx += dy.</summary>
        public static void PassThrough(double[] dy, double[] dx)
        {
            for (int k = 0; k < dy.Length; k++)
            {
                dx[k] += dy[k];
            }
        }

        private static ReferenceKind?[] Build()
        {
            var byKind = new ReferenceKind?[Enum.GetValues<LayerKind>().Length];
            foreach (ReferenceKind[] family in new[] { ConvolutionReference.All, PoolingReference.All, SpatialReference.All, DenseReference.All, ChannelReference.All, MergeReference.All })
            {
                foreach (ReferenceKind kind in family)
                {
                    byKind[(int)kind.Kind] = kind;
                }
            }

            return byKind;
        }
    }
}
