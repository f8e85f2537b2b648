using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using ConvGen.Cli.Emit;
using ConvGen.Cli.Import;
using ConvGen.Cli.Verify;

namespace ConvGen.Cli.Commands
{
    /// <summary>The <c>convgen</c> command line: <c>import</c> and <c>inspect</c>.</summary>
    public static class CliApp
    {
        /// <summary>The relative difference <c>--verify</c> accepts.</summary>
        public const double Tolerance = 1e-4;

        /// <summary>Parses and runs a command line, writing to the given writers; returns the exit code.</summary>
        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var root = new RootCommand("convgen: turns a trained model (ONNX from PyTorch or tf2onnx; Keras JSON/TF.js, .keras, .h5) into a ConvGen [ConvNet] class and its weights.\n"
                + "Exit codes: 0 done, 1 unreadable or wrong file, 2 the model uses something ConvGen cannot express (every such node is listed), 3 --verify found a difference above 1e-4.");
            root.Add(ImportCommand(output, error));
            root.Add(InspectCommand(output, error));
            return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        }

        private static Command ImportCommand(TextWriter output, TextWriter error)
        {
            var model = new Argument<FileInfo>("MODEL") { Description = "The model file: .onnx, Keras JSON or TF.js model.json (weights beside it), .keras or .h5." };
            var className = new Option<string>("--class", "-c") { Description = "The C# class name to generate (also names the files: Name.cs, Name.safetensors).", Required = true };
            var ns = new Option<string?>("--namespace", "-n") { Description = "The namespace of the generated class (default: none)." };
            var outDir = new Option<DirectoryInfo>("--output", "-o") { Description = "The folder to write Name.cs and Name.safetensors into (default: the current folder).", DefaultValueFactory = _ => new DirectoryInfo(".") };
            var verify = new Option<bool>("--verify") { Description = "Run the source model in ONNX Runtime and the import in ConvGen's reference interpreter on random inputs; fail (exit 3, nothing written) above 1e-4 relative difference. ONNX only." };
            var command = new Command("import", "Import a model: writes Name.cs (the [ConvNet] partial class, one attribute per layer) and Name.safetensors (its weights), or nothing if any part of the model cannot be imported.")
            {
                model, className, ns, outDir, verify,
            };
            command.SetAction(result => Guard(error, () =>
            {
                string name = result.GetValue(className)!;
                if (!IsIdentifier(name))
                {
                    error.WriteLine($"error: --class '{name}' is not a valid C# identifier");
                    return ExitCodes.BadFile;
                }

                FileInfo file = result.GetValue(model)!;
                ImportedModel imported = ModelLoader.Load(file.FullName, out byte[] bytes, out ModelLoader.Kind kind);
                if (result.GetValue(verify))
                {
                    if (kind != ModelLoader.Kind.Onnx)
                    {
                        error.WriteLine("error: --verify runs ONNX models only");
                        return ExitCodes.BadFile;
                    }

                    double difference = OnnxVerifier.LargestDifference(bytes, imported);
                    output.WriteLine(string.Format(CultureInfo.InvariantCulture, "verify: largest relative difference to ONNX Runtime {0:E2} (tolerance {1:E0})", difference, Tolerance));
                    if (!(difference <= Tolerance))
                    {
                        error.WriteLine("error: the imported network does not match the source model; nothing written");
                        return ExitCodes.VerificationFailed;
                    }
                }

                (string cs, string weights) = ModelFiles.Write(imported, name, result.GetValue(ns), result.GetValue(outDir)!.FullName, file.Name);
                output.WriteLine($"wrote {cs}");
                output.WriteLine($"wrote {weights}");
                output.WriteLine($"{imported.Spec.Layers.Count} layers, {ShapeInference.Analyze(imported.Spec).ParameterCount} parameters; input {LayoutText(imported.InputLayout)}, output {LayoutText(imported.OutputLayout)}");
                return ExitCodes.Success;
            }));
            return command;
        }

        private static Command InspectCommand(TextWriter output, TextWriter error)
        {
            var model = new Argument<FileInfo>("MODEL") { Description = "The model file (.onnx, Keras JSON or TF.js model.json, .keras, .h5)." };
            var command = new Command("inspect", "Print the layers an import would generate, with output shapes and parameter counts; or every node that cannot be imported (exit 2).") { model };
            command.SetAction(result => Guard(error, () =>
            {
                FileInfo file = result.GetValue(model)!;
                ImportedModel imported = ModelLoader.Load(file.FullName, out _, out _);
                NetworkAnalysis analysis = ShapeInference.Analyze(imported.Spec);
                output.WriteLine($"{file.Name}: {imported.Source}");
                output.WriteLine($"[ConvNet({imported.Spec.InputHeight}, {imported.Spec.InputWidth}, {imported.Spec.InputChannels})]   input {LayoutText(imported.InputLayout)}");
                int width = imported.Spec.Layers.Select(l => LayerText.Describe(l).Length).Max();
                foreach (LayerAnalysis layer in analysis.Layers)
                {
                    output.WriteLine($"{LayerText.Describe(layer.Spec).PadRight(width)}  {layer.Name,-26} {layer.OutputShape,-16} {layer.ParameterCount,10:N0}  <- {imported.LayerSources[layer.Index]}");
                }

                output.WriteLine($"{analysis.Layers.Count} layers, {analysis.ParameterCount:N0} parameters, output {analysis.OutputShape} ({LayoutText(imported.OutputLayout)})");
                return ExitCodes.Success;
            }));
            return command;
        }

        private static bool IsIdentifier(string name) => name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

        private static string LayoutText(TensorLayout layout) => layout switch
        {
            TensorLayout.Nchw => "NCHW in the source model (transpose to NHWC for ConvGen)",
            TensorLayout.Nhwc => "NHWC as in the source model",
            _ => "flat as in the source model",
        };

        /// <summary>Runs a command, turning the importer's exceptions into messages and exit codes.</summary>
        private static int Guard(TextWriter error, Func<int> action)
        {
            try
            {
                return action();
            }
            catch (UnsupportedModelException e)
            {
                error.WriteLine("error: " + e.Message);
                return ExitCodes.Unsupported;
            }
            catch (ModelFileException e)
            {
                error.WriteLine("error: " + e.Message);
                return ExitCodes.BadFile;
            }
            catch (IOException e)
            {
                error.WriteLine("error: " + e.Message);
                return ExitCodes.BadFile;
            }
            catch (UnauthorizedAccessException e)
            {
                error.WriteLine("error: " + e.Message);
                return ExitCodes.BadFile;
            }
        }
    }
}
