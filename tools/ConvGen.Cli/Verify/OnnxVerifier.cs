using System;
using System.Linq;
using ConvGen.Cli.Import;
using ConvGen.Reference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ConvGen.Cli.Verify
{
    /// <summary>Runs the source ONNX model in ONNX Runtime and the imported declaration in ConvGen's reference interpreter on the same random inputs.</summary>
    public static class OnnxVerifier
    {
        /// <summary>The largest relative difference (see <see cref="Layouts.RelativeDifference"/>) over <paramref name="runs"/> random inputs.</summary>
        public static double LargestDifference(byte[] onnx, ImportedModel model, int runs = 3, int seed = 1)
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
            using var session = new InferenceSession(onnx, options);
            string inputName = session.InputMetadata.Keys.Single(k => session.InputMetadata[k].IsTensor);
            int[] dims = session.InputMetadata[inputName].Dimensions;
            var interpreter = new ReferenceInterpreter(model.Spec, model.Parameters);
            TensorShape inShape = interpreter.Analysis.InputShape, outShape = interpreter.Analysis.OutputShape;
            var random = new Random(seed);
            double worst = 0;
            for (int r = 0; r < runs; r++)
            {
                float[] source = Enumerable.Range(0, dims.Aggregate(1, (a, b) => a * b)).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
                using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(source, dims)) });
                float[] expected = Layouts.ToConvGen(results.First().AsEnumerable<float>().ToArray(), model.OutputLayout, outShape);
                float[] actual = interpreter.Run(model.InputLayout == TensorLayout.Flat ? source : Layouts.ToConvGen(source, model.InputLayout, inShape));
                worst = Math.Max(worst, Layouts.RelativeDifference(actual, expected));
            }

            return worst;
        }
    }
}
