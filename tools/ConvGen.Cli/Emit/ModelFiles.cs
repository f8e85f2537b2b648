using System;
using System.IO;
using System.Text;
using ConvGen.Cli.Import;

namespace ConvGen.Cli.Emit
{
    /// <summary>Writes Name.cs and Name.safetensors together: both go to temporary files first and are moved into place only once both are complete.</summary>
    public static class ModelFiles
    {
        /// <summary>Writes both files; returns their paths.</summary>
        public static (string Declaration, string Weights) Write(ImportedModel model, string className, string? ns, string outputDirectory, string sourceFile)
        {
            Directory.CreateDirectory(outputDirectory);
            string cs = Path.Combine(outputDirectory, className + ".cs");
            string weights = Path.Combine(outputDirectory, className + ".safetensors");
            byte[] csBytes = new UTF8Encoding(false).GetBytes(DeclarationWriter.Write(model, className, ns, sourceFile));
            byte[] weightBytes = ConvGen.Weights.SafeTensors.Save(model.Spec, model.Parameters);
            string csTemp = cs + "." + Guid.NewGuid().ToString("N") + ".tmp", weightsTemp = weights + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                File.WriteAllBytes(csTemp, csBytes);
                File.WriteAllBytes(weightsTemp, weightBytes);
                File.Move(weightsTemp, weights, overwrite: true);
                File.Move(csTemp, cs, overwrite: true);
            }
            finally
            {
                File.Delete(csTemp);
                File.Delete(weightsTemp);
            }

            return (cs, weights);
        }
    }
}
