#!/usr/bin/env python3
"""Writes a copy of ONNX Runtime 1.31.1's libonnxruntime.so (linux-x64) whose MLAS kernels stop at AVX2/FMA3.

Why: the benchmark's AVX2 configuration (DOTNET_EnableAVX512=0) only changes what .NET's JIT emits. ONNX Runtime's
MLAS picks its kernels once, in the MLAS_PLATFORM constructor (onnxruntime/core/mlas/lib/platform.cpp), from CPUID and
XGETBV, and has no run-time switch. On a CPU with AVX-512 that constructor first installs the AVX2/FMA3 kernels and then,
if `(Cpuid7[1] & 0x10000) != 0` (AVX512F) and the OS saves the AVX-512 state, replaces them with the AVX512F ones. This
script turns the conditional jump taken when AVX512F is absent (`test $0x10000, reg; je`) into an unconditional one
(`jmp`), so the copy behaves exactly as the same ORT build on an AVX2-only CPU. The compiled constructor appears four
times in the library's code (each copy followed by the XCR0 test on the next lines); all four are patched, and the script refuses to write
anything unless it finds exactly those four sites in the pinned file.

Usage (outside CI; ORT is restored by building tests/ConvGen.Benchmarks):
    python3 tests/ConvGen.Benchmarks/ort-avx2/make_avx2_ort.py /tmp/ort-avx2/libonnxruntime.so
    CONVGEN_ORT_LIBRARY=/tmp/ort-avx2/libonnxruntime.so DOTNET_EnableAVX512=0 \
        dotnet run -c Release --project tests/ConvGen.Benchmarks
"""
import hashlib
import os
import sys
import tempfile

PACKAGE = os.path.join("microsoft.ml.onnxruntime", "1.31.1", "runtimes", "linux-x64", "native", "libonnxruntime.so")
SHA256 = "a96f132e5eb5ca04e23a7d2fc1078fb95aa591e8d71d0f237702ece3a1e0f4ea"
# test $0x10000 (AVX512F, CPUID.7.0:EBX bit 16) as a 32-bit immediate, then `je` rel8 ...
AVX512F_TEST = b"\x00\x00\x01\x00\x74"
# ... followed within a few instructions by `test $0xe0, %al` (~XCR0 & the opmask/ZMM state bits).
XCR0_TEST = b"\xa8\xe0"
EXPECTED_SITES = 4


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    root = os.environ.get("NUGET_PACKAGES") or os.path.join(os.path.expanduser("~"), ".nuget", "packages")
    source = os.path.join(root, PACKAGE)
    with open(source, "rb") as f:
        data = bytearray(f.read())
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        print(f"{source}: sha256 {digest}, expected {SHA256} (ONNX Runtime 1.31.1 linux-x64); not patching another build")
        return 1

    sites = []
    at = data.find(XCR0_TEST)
    while at >= 0:
        window = data[at - 16:at]
        k = window.find(AVX512F_TEST)
        if k >= 0:
            sites.append(at - 16 + k + 4)  # the je opcode
        at = data.find(XCR0_TEST, at + 1)
    if len(sites) != EXPECTED_SITES:
        print(f"found {len(sites)} AVX512F checks, expected {EXPECTED_SITES}; not writing anything")
        return 1
    for site in sites:
        data[site] = 0xEB  # je rel8 -> jmp rel8: always skip the AVX-512 block
        print(f"patched AVX512F check at file offset {site:#x}")

    target = os.path.abspath(sys.argv[1])
    os.makedirs(os.path.dirname(target), exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=os.path.dirname(target))
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(temp, 0o755)
    os.replace(temp, target)  # the old or the new complete file, never half of one
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
