using System;
using ConvGen.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace ConvGen.OnnxTests
{
    /// <summary>Runs a ConvGen network through ONNX Runtime (the graph from <see cref="OnnxModelBuilder"/>), one thread, full graph optimizations.</summary>
    public static class OrtOracle
    {
        public static float[] Run(NetworkSpec spec, float[] parameters, float[] input)
        {
            using SessionOptions options = OrtSessionOptions.SingleThreaded();
            using var session = new InferenceSession(OnnxModelBuilder.Build(spec, parameters), options);
            (long[] inputShape, long[] outputShape) = OnnxModelBuilder.Shapes(spec);
            var output = new float[ShapeInference.Analyze(spec).OutputShape.Length];
            using OrtValue inputValue = OrtValue.CreateTensorValueFromMemory(input, inputShape);
            using OrtValue outputValue = OrtValue.CreateTensorValueFromMemory(output, outputShape);
            using var runOptions = new RunOptions();
            session.Run(runOptions, new[] { OnnxModelBuilder.InputName }, new[] { inputValue }, new[] { OnnxModelBuilder.OutputName }, new[] { outputValue });
            return output;
        }
    }

    /// <summary>
    /// Element-wise agreement within tolerance * max(1, |expected|), and the largest differences seen (for the report:
    /// absolute, and relative to max(1, |expected|)).
    /// </summary>
    public sealed class Agreement
    {
        public double MaxAbsolute { get; private set; }

        public double MaxScaled { get; private set; }

        public int Outputs { get; private set; }

        public void AssertClose(string expectedName, float[] expected, string actualName, float[] actual, double tolerance, string context)
        {
            Assert.True(expected.Length == actual.Length, $"{actualName} has {actual.Length} outputs, {expectedName} {expected.Length}\n{context}");
            for (int i = 0; i < expected.Length; i++)
            {
                double difference = Math.Abs((double)actual[i] - expected[i]);
                double scaled = difference / Math.Max(1.0, Math.Abs(expected[i]));
                if (!(scaled <= tolerance))
                {
                    Assert.Fail($"output {i}: {actualName} {actual[i]:R}, {expectedName} {expected[i]:R} (|diff| {difference:E2})\n{context}");
                }

                MaxAbsolute = Math.Max(MaxAbsolute, difference);
                MaxScaled = Math.Max(MaxScaled, scaled);
            }

            Outputs += expected.Length;
        }

        public override string ToString() => FormattableString.Invariant($"{Outputs} outputs compared, max |diff| {MaxAbsolute:E2}, max |diff| / max(1, |ref|) {MaxScaled:E2}");
    }
}
