using System;
using System.Collections.Generic;
using ConvGen.Benchmarks.Nets;
using ConvGen.Onnx;
using ConvGen.Reference;
using Microsoft.ML.OnnxRuntime;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// One benchmark network with its three contenders on the same weights and input: the generated code, the
    /// reference interpreter (running the generated <c>Network</c> description) and ONNX Runtime (a graph built in
    /// code, one intra-op thread, all graph optimizations, input and output bound once as pre-allocated OrtValues).
    /// </summary>
    public sealed class Contenders : IDisposable
    {
        public static readonly string[] Names = { "N1", "N2", "N3", "N4", "N5" };

        /// <summary>The survey's blocks (SurveyNets.cs), run by <c>--survey</c>.</summary>
        public static readonly string[] SurveyNames = { "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12" };

        private readonly InferenceSession _session;
        private readonly OrtIoBinding _binding;
        private readonly RunOptions _runOptions = new();
        private readonly OrtValue _ortInput;
        private readonly OrtValue _ortOutput;

        private Contenders(string name, NetworkSpec spec, Func<float[], IConvNet> create)
        {
            Name = name;
            Spec = spec;
            Analysis = ShapeInference.Analyze(spec);
            var random = new Random(20240517);
            Parameters = Weights(random, Analysis);
            Input = new float[Analysis.InputShape.Length];
            for (int i = 0; i < Input.Length; i++)
            {
                Input[i] = (float)random.NextDouble();
            }

            Generated = create(Parameters);
            Interpreter = new ReferenceInterpreter(spec, Parameters);
            GeneratedOutput = new float[Analysis.OutputShape.Length];
            InterpreterOutput = new float[Analysis.OutputShape.Length];
            OrtOutput = new float[Analysis.OutputShape.Length];

            using SessionOptions options = OrtSessionOptions.SingleThreaded();
            _session = new InferenceSession(OnnxModelBuilder.Build(spec, Parameters), options);
            (long[] inputShape, long[] outputShape) = OnnxModelBuilder.Shapes(spec);
            _ortInput = OrtValue.CreateTensorValueFromMemory(Input, inputShape);
            _ortOutput = OrtValue.CreateTensorValueFromMemory(OrtOutput, outputShape);
            _binding = _session.CreateIoBinding();
            _binding.BindInput(OnnxModelBuilder.InputName, _ortInput);
            _binding.BindOutput(OnnxModelBuilder.OutputName, _ortOutput);
        }

        public string Name { get; }

        public NetworkSpec Spec { get; }

        public NetworkAnalysis Analysis { get; }

        public float[] Parameters { get; }

        public float[] Input { get; }

        public IConvNet Generated { get; }

        public ReferenceInterpreter Interpreter { get; }

        public float[] GeneratedOutput { get; }

        public float[] InterpreterOutput { get; }

        public float[] OrtOutput { get; }

        /// <summary>Floating-point operations of one inference: 2 per multiply-add of the convolutions and dense layers.</summary>
        public long Flops => 2 * Analysis.MultiplyAdds;

        public static Contenders Create(string name) => name switch
        {
            "N1" => new Contenders(name, N1Primer.Network, p => new N1Primer(p)),
            "N2" => new Contenders(name, N2LeNet5.Network, p => new N2LeNet5(p)),
            "N3" => new Contenders(name, N3SmallVgg.Network, p => new N3SmallVgg(p)),
            "N4" => new Contenders(name, N4MobileNetBlock.Network, p => new N4MobileNetBlock(p)),
            "N5" => new Contenders(name, N5Stem.Network, p => new N5Stem(p)),
            "S1" => new Contenders(name, S1VggStem.Network, p => new S1VggStem(p)),
            "S2" => new Contenders(name, S2ResNetBasic.Network, p => new S2ResNetBasic(p)),
            "S3" => new Contenders(name, S3Bottleneck.Network, p => new S3Bottleneck(p)),
            "S4" => new Contenders(name, S4MobileNetDeep.Network, p => new S4MobileNetDeep(p)),
            "S5" => new Contenders(name, S5MobileNetStrided.Network, p => new S5MobileNetStrided(p)),
            "S6" => new Contenders(name, S6Conv5x5.Network, p => new S6Conv5x5(p)),
            "S7" => new Contenders(name, S7Head.Network, p => new S7Head(p)),
            "S8" => new Contenders(name, S8Decoder.Network, p => new S8Decoder(p)),
            "S9" => new Contenders(name, S9Dilated.Network, p => new S9Dilated(p)),
            "S10" => new Contenders(name, S10Separable.Network, p => new S10Separable(p)),
            "S11" => new Contenders(name, S11MBConvSwish.Network, p => new S11MBConvSwish(p)),
            "S12" => new Contenders(name, S12Depthwise5x5.Network, p => new S12Depthwise5x5(p)),
            _ => throw new ArgumentException($"Unknown network {name}; known: {string.Join(", ", Names)}, {string.Join(", ", SurveyNames)}.", nameof(name)),
        };

        public void RunGenerated() => Generated.Run(Input, GeneratedOutput);

        public void RunOrt() => _session.RunWithBinding(_runOptions, _binding);

        public void RunInterpreter() => Interpreter.Run(Input, InterpreterOutput);

        /// <summary>
        /// Runs all three and checks that the generated code and ONNX Runtime each agree with the interpreter (and with
        /// each other) within 1e-4 relative: |a - b| &lt;= 1e-4 * max(1, |b|). Throws on disagreement; returns the
        /// largest difference seen.
        /// </summary>
        public double Verify()
        {
            Array.Clear(GeneratedOutput);
            Array.Clear(OrtOutput);
            RunGenerated();
            RunOrt();
            RunInterpreter();
            double worst = 0;
            worst = Math.Max(worst, Compare("generated", GeneratedOutput, "interpreter", InterpreterOutput));
            worst = Math.Max(worst, Compare("ONNX Runtime", OrtOutput, "interpreter", InterpreterOutput));
            worst = Math.Max(worst, Compare("generated", GeneratedOutput, "ONNX Runtime", OrtOutput));
            return worst;
        }

        private double Compare(string actualName, float[] actual, string expectedName, float[] expected)
        {
            double worst = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                double difference = Math.Abs((double)actual[i] - expected[i]);
                if (!(difference <= 1e-4 * Math.Max(1.0, Math.Abs(expected[i]))))
                {
                    throw new InvalidOperationException(
                        $"{Name}: {actualName} and {expectedName} disagree at output {i}: {actual[i]} vs {expected[i]}.");
                }

                worst = Math.Max(worst, difference);
            }

            return worst;
        }

        /// <summary>
        /// Uniform kernels scaled by sqrt(6 / fan-in) (He-like, fan-in = kh * kw for a depthwise kernel), so activations stay
        /// near 1 through the layers; small biases; batch norm with gamma near 1 and a positive variance, as a trained net has.
        /// </summary>
        private static float[] Weights(Random random, NetworkAnalysis analysis)
        {
            var parameters = new float[analysis.ParameterCount];
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                foreach (ParameterTensor tensor in layer.Parameters)
                {
                    IReadOnlyList<int> shape = tensor.Shape;
                    int fanIn = tensor.Name == "depthwise_kernel" ? shape[0] * shape[1] : tensor.Length / shape[shape.Count - 1];
                    (double center, double halfWidth) = tensor.Name switch
                    {
                        "kernel" or "pointwise_kernel" or "depthwise_kernel" => (0.0, Math.Sqrt(6.0 / fanIn)),
                        "gamma" => (1.0, 0.25),
                        "moving_variance" => (1.0, 0.5),
                        _ => (0.0, 0.1), // bias, beta, moving_mean
                    };
                    for (int i = 0; i < tensor.Length; i++)
                    {
                        parameters[tensor.Offset + i] = (float)(center + (random.NextDouble() * 2 - 1) * halfWidth);
                    }
                }
            }

            return parameters;
        }

        public void Dispose()
        {
            _binding.Dispose();
            _ortInput.Dispose();
            _ortOutput.Dispose();
            _runOptions.Dispose();
            _session.Dispose();
        }
    }
}
