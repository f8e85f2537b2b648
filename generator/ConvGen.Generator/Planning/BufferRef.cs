namespace ConvGen.Generator.Planning
{
    /// <summary>Where a tensor lives while the network runs: the caller's input or output span, or a slot of the scratch array.</summary>
    internal sealed class BufferRef
    {
        public static readonly BufferRef Input = new BufferRef(-1, "x");
        public static readonly BufferRef Output = new BufferRef(-2, "y");

        private BufferRef(int slot, string name)
        {
            Slot = slot;
            Name = name;
        }

        /// <summary>Index of the scratch slot; negative for the caller's spans.</summary>
        public int Slot { get; }

        /// <summary>The ref local that Run declares for it: x, y, buffer0, buffer1, ...</summary>
        public string Name { get; }

        public bool IsScratch => Slot >= 0;

        public static BufferRef Scratch(int slot) => new BufferRef(slot, "buffer" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public override string ToString() => Name;
    }
}
