namespace ConvGen.Cli.Commands
{
    /// <summary>The tool's exit codes.</summary>
    public static class ExitCodes
    {
        /// <summary>Done.</summary>
        public const int Success = 0;

        /// <summary>The file is missing, of the wrong type, truncated or corrupt; or the command line is wrong.</summary>
        public const int BadFile = 1;

        /// <summary>The model holds operators or attribute values ConvGen cannot express (all listed).</summary>
        public const int Unsupported = 2;

        /// <summary><c>--verify</c>: the imported network differs from the source model by more than the tolerance.</summary>
        public const int VerificationFailed = 3;
    }
}
