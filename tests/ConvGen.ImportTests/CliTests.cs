using System.IO;
using System.Linq;
using ConvGen.Cli.Commands;
using ConvGen.Cli.Import;
using ConvGen.Cli.Onnx;

namespace ConvGen.ImportTests
{
    /// <summary>The command line end to end: files written, their content, inspect's listing, help.</summary>
    public class CliTests
    {
        private static readonly string LeNet = Path.Combine(PyTorchModels.Folder, "lenet5.onnx");

        [Fact]
        public void ImportWritesTheClassAndItsWeights()
        {
            using var cli = new Cli();
            string outDir = Path.Combine(cli.Folder, "out");
            Assert.Equal(ExitCodes.Success, cli.Run("import", LeNet, "--class", "LeNet5", "--namespace", "Models.Vision", "--output", outDir, "--verify"));
            Assert.Contains("verify: largest relative difference to ONNX Runtime", cli.Output);
            Assert.Equal(new[] { "LeNet5.cs", "LeNet5.safetensors" }, cli.Written("out").Select(Path.GetFileName).OrderBy(n => n).ToArray());

            string cs = File.ReadAllText(Path.Combine(outDir, "LeNet5.cs"));
            Assert.Contains("namespace Models.Vision;", cs);
            Assert.Contains("[ConvNet(28, 28, 1)]", cs);
            Assert.Contains("[Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.Tanh)] // conv2d [28, 28, 6] <- /0/Conv, /1/Tanh", cs);
            Assert.Contains("[Dense(10)]", cs);
            Assert.Contains("public partial class LeNet5 { }", cs);

            ImportedModel model = OnnxImporter.Import(File.ReadAllBytes(LeNet), LeNet);
            Assert.Equal(model.Parameters, ConvGen.Weights.SafeTensors.LoadParameters(model.Spec, Path.Combine(outDir, "LeNet5.safetensors")));
        }

        [Fact]
        public void InspectPrintsLayersShapesAndParameterCounts()
        {
            using var cli = new Cli();
            Assert.Equal(ExitCodes.Success, cli.Run("inspect", LeNet));
            string[] lines = cli.Output.Split('\n');
            Assert.Contains(lines, l => l.StartsWith("[AvgPool2D(2)]") && l.Contains("average_pooling2d") && l.Contains("[14, 14, 6]") && l.Contains("/2/AveragePool"));
            Assert.Contains(lines, l => l.StartsWith("[Dense(12, Activation = Activation.Tanh)]") && l.Contains("[12]") && l.Contains("2,412")); // 200 * 12 + 12
            Assert.Contains("7 layers, 3,906 parameters, output [10]", cli.Output);
        }

        [Fact]
        public void HelpDescribesBothCommands()
        {
            using var cli = new Cli();
            Assert.Equal(0, cli.Run("--help"));
            Assert.Contains("import", cli.Output);
            Assert.Contains("inspect", cli.Output);
            Assert.Contains("Exit codes: 0 done, 1 unreadable or wrong file, 2", cli.Output);
            Assert.Equal(0, cli.Run("import", "--help"));
            Assert.Contains("--class", cli.Output);
            Assert.Contains("--verify", cli.Output);
        }
    }
}
