using Microsoft.ML.OnnxRuntime;

namespace ConvGen.Onnx
{
    /// <summary>The ONNX Runtime settings ConvGen is compared under: one thread, every graph optimization but one.</summary>
    public static class OrtSessionOptions
    {
        public static SessionOptions SingleThreaded()
        {
            var options = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };

            // ORT 1.31's Pad_Fusion rewrite folds a zero Pad (our ZeroPadding2D) into a following MaxPool/AveragePool's own
            // pads. That changes the result (a pool's pads are -inf for MaxPool and not counted with count_include_pad = 0,
            // while ZeroPadding2D's zeros are real values) and ORT rejects the model outright when the summed pads reach the
            // kernel size. Keep the graph as written.
            options.AddSessionConfigEntry("optimization.disable_specified_optimizers", "Pad_Fusion");
            return options;
        }
    }
}
