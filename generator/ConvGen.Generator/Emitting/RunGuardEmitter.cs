namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The checks at the top of the single-image Run that turn misuse into an exception instead of wrong outputs:
    /// input and output sharing memory (a layer would overwrite input it has not read yet), and one instance used by
    /// two threads at once (they would share its scratch). The guard is one interlocked exchange per call.
    /// </summary>
    internal static class RunGuardEmitter
    {
        public static void EmitEnter(CodeWriter w, string input, string output)
        {
            using (w.Block($"if ({input}.Overlaps({output}))"))
            {
                w.Line("global::ConvGen.RunGuard.ThrowOverlap(GetType().Name);");
            }

            using (w.Block("if (global::System.Threading.Interlocked.Exchange(ref _running, 1) != 0)"))
            {
                w.Line("global::ConvGen.RunGuard.ThrowConcurrentUse(GetType().Name);");
            }

            w.Line();
        }

        public static void EmitExit(CodeWriter w)
        {
            using (w.Block("finally"))
            {
                w.Line("global::System.Threading.Volatile.Write(ref _running, 0);");
            }
        }
    }
}
