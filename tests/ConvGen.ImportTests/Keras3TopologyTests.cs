using System.Linq;
using System.Text.Json.Nodes;
using ConvGen.Cli.Keras;

namespace ConvGen.ImportTests
{
    /// <summary>Keras 3's config.json form (batch_shape, keras_history inbound nodes, module/registered_name keys), written as Keras 3 serializes a small functional model.</summary>
    public class Keras3TopologyTests
    {
        private const string Config = """
        {"module": "keras", "class_name": "Functional", "config": {"name": "functional", "trainable": true, "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 8, 8, 3], "dtype": "float32", "sparse": false, "name": "input_layer"}, "registered_name": null, "name": "input_layer", "inbound_nodes": []},
          {"module": "keras.layers", "class_name": "Conv2D", "config": {"name": "conv2d", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "hard_sigmoid", "use_bias": true},
           "registered_name": null, "build_config": {"input_shape": [null, 8, 8, 3]}, "name": "conv2d",
           "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 8, 8, 3], "dtype": "float32", "keras_history": ["input_layer", 0, 0]}}], "kwargs": {}}]},
          {"module": "keras.layers", "class_name": "Conv2D", "config": {"name": "conv2d_1", "filters": 4, "kernel_size": 1, "strides": 1, "padding": "valid", "data_format": "channels_last", "dilation_rate": 1, "groups": 2, "activation": "gelu", "use_bias": false},
           "name": "conv2d_1", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 8, 8, 4], "keras_history": ["conv2d", 0, 0]}}], "kwargs": {}}]},
          {"module": "keras.layers", "class_name": "Add", "config": {"name": "add"}, "name": "add",
           "inbound_nodes": [{"args": [[{"class_name": "__keras_tensor__", "config": {"keras_history": ["conv2d", 0, 0]}}, {"class_name": "__keras_tensor__", "config": {"keras_history": ["conv2d_1", 0, 0]}}]], "kwargs": {}}]},
          {"module": "keras.layers", "class_name": "LeakyReLU", "config": {"name": "leaky_re_lu", "negative_slope": 0.2}, "name": "leaky_re_lu",
           "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["add", 0, 0]}}], "kwargs": {}}]}],
          "input_layers": [["input_layer", 0, 0]], "output_layers": [["leaky_re_lu", 0, 0]]}, "registered_name": "Functional"}
        """;

        /// <summary>Cropping2D as Keras 3 stores it (((top, bottom), (left, right))) and in the int and pair forms of older files.</summary>
        private const string CroppingConfig = """
        {"module": "keras", "class_name": "Functional", "config": {"name": "functional", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 9, 10, 2], "dtype": "float32", "name": "input_layer"}, "name": "input_layer", "inbound_nodes": []},
          {"module": "keras.layers", "class_name": "Cropping2D", "config": {"name": "cropping2d", "trainable": true, "cropping": [[1, 2], [0, 3]], "data_format": "channels_last"},
           "name": "cropping2d", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["input_layer", 0, 0]}}], "kwargs": {}}]},
          {"module": "keras.layers", "class_name": "Cropping2D", "config": {"name": "cropping2d_1", "cropping": 1, "data_format": "channels_last"},
           "name": "cropping2d_1", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["cropping2d", 0, 0]}}], "kwargs": {}}]},
          {"module": "keras.layers", "class_name": "Cropping2D", "config": {"name": "cropping2d_2", "cropping": [1, 0], "data_format": "channels_last"},
           "name": "cropping2d_2", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["cropping2d_1", 0, 0]}}], "kwargs": {}}]}],
          "input_layers": [["input_layer", 0, 0]], "output_layers": [["cropping2d_2", 0, 0]]}, "registered_name": "Functional"}
        """;

        [Fact]
        public void Keras3CroppingTranslatesInEveryForm()
        {
            (int h, int w, int c, var layers) = KerasTopology.Translate(JsonNode.Parse(CroppingConfig)!, "3.6.0");
            var spec = new NetworkSpec(h, w, c, layers.Select(l => l.Spec));
            Assert.Equal(
                "[ConvNet(9, 10, 2)]\n"
                + "[Cropping2D(1, 2, 0, 3, Name = \"cropping2d\")]\n"
                + "[Cropping2D(1, Name = \"cropping2d_1\")]\n"
                + "[Cropping2D(1, 0, Name = \"cropping2d_2\")]",
                spec.ToString());

            // Keras: (9, 10) -> (9 - 3, 10 - 3) = (6, 7) -> (4, 5) -> (2, 5).
            Assert.Equal(new TensorShape(2, 5, 2), ShapeInference.Analyze(spec).OutputShape);
        }

        [Fact]
        public void Keras3FunctionalConfigTranslates()
        {
            (int h, int w, int c, var layers) = KerasTopology.Translate(JsonNode.Parse(Config)!, "3.6.0");
            Assert.Equal((8, 8, 3), (h, w, c));
            var spec = new NetworkSpec(h, w, c, layers.Select(l => l.Spec));
            Assert.Equal(
                "[ConvNet(8, 8, 3)]\n"
                + "[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.HardSigmoid, Name = \"conv2d\")]\n"
                + "[Conv2D(4, 1, Groups = 2, UseBias = false, Activation = Activation.GELUErf, Name = \"conv2d_1\")]\n"
                + "[Add(\"conv2d\", \"conv2d_1\", Name = \"add\")]\n"
                + "[Activation(Activation.LeakyReLU, NegativeSlope = 0.2f, Name = \"leaky_re_lu\")]",
                spec.ToString());
            Assert.False(ShapeInference.Analyze(spec).HasErrors);
        }
    }
}
