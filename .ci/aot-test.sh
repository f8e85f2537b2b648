#!/usr/bin/env bash
# Native AOT check for samples/AotInference:
#  1. makes sure the native toolchain is there (a C compiler/linker, objcopy, libc and zlib headers), installing the
#     missing pieces with apt-get on a clean Debian/Ubuntu machine (CI runs as root);
#  2. publishes the sample from scratch (`dotnet publish -c Release -r linux-x64`) and asserts the log has no
#     IL2xxx (trimming) or IL3xxx (AOT) warning;
#  3. runs the native binary and the JIT build on the generated image, on a PGM and on a PNG file, and requires
#     identical output (apart from the "mode:" and "time:" lines);
#  4. when the MNIST test files are available, classifies all 10,000 test images with both builds (identical output
#     again) and, with --min-accuracy, requires at least that accuracy;
#  5. checks that the committed lenet5.safetensors is exactly what the sample's --write-weights produces (skipped
#     once the file holds trained weights: its metadata no longer says "not trained").
# Options: --mnist DIR (folder with t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte; default $CONVGEN_MNIST, else
#          the ConvGen cache $CONVGEN_CACHE/mnist or ~/.cache/convgen/mnist if it holds them; samples/Mnist and the
#          tests fill that cache with npm), --min-accuracy X (e.g. 0.99; the MNIST files are then required).
# Prints "aot test: OK" and exits 0 on success.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sample="$root/samples/AotInference"
work="$(mktemp -d "${TMPDIR:-/tmp}/convgen-aot-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "aot test: FAILED: $*" >&2; exit 1; }

mnist="${CONVGEN_MNIST:-}"
min_accuracy=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mnist) [ $# -ge 2 ] || fail "--mnist needs a folder"; mnist="$2"; shift 2 ;;
    --min-accuracy) [ $# -ge 2 ] || fail "--min-accuracy needs a number"; min_accuracy="$2"; shift 2 ;;
    *) fail "unknown option $1 (use --mnist DIR, --min-accuracy X)" ;;
  esac
done
if [ -n "$min_accuracy" ] && ! [[ "$min_accuracy" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]]; then
  fail "--min-accuracy must be a number between 0 and 1, got $min_accuracy"
fi
if [ -z "$mnist" ]; then
  cache="${CONVGEN_CACHE:+$CONVGEN_CACHE/mnist}"
  cache="${cache:-${XDG_CACHE_HOME:-$HOME/.cache}/convgen/mnist}"
  [ -f "$cache/t10k-images-idx3-ubyte" ] && mnist="$cache"
fi
if [ -n "$mnist" ] && { [ ! -f "$mnist/t10k-images-idx3-ubyte" ] || [ ! -f "$mnist/t10k-labels-idx1-ubyte" ]; }; then
  fail "$mnist has no t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte"
fi
if [ -n "$min_accuracy" ] && [ -z "$mnist" ]; then
  fail "--min-accuracy needs the MNIST test files: pass --mnist DIR (or run samples/Mnist once to fill the cache)"
fi

echo "== native toolchain"
missing=()
command -v clang > /dev/null || command -v gcc > /dev/null || missing+=(clang)
command -v objcopy > /dev/null || command -v llvm-objcopy > /dev/null || missing+=(binutils)
[ -e /usr/include/stdio.h ] || missing+=(libc6-dev)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get > /dev/null && [ "$(id -u)" -eq 0 ] \
    || fail "Native AOT needs ${missing[*]}; install them (this script can only do it as root with apt-get)"
  echo "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
echo "ok   $(command -v clang || command -v gcc), $(command -v objcopy || command -v llvm-objcopy)"

echo "== publish (native AOT, linux-x64)"
# Start from nothing so the AOT compiler really runs (and reports) instead of reusing an up-to-date native build.
rm -rf "$sample/bin/Release/net10.0/linux-x64" "$sample/obj/Release/net10.0/linux-x64"
start=$SECONDS
dotnet publish "$sample" -c Release -r linux-x64 -o "$work/publish" > "$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; fail "dotnet publish failed"; }
if grep -E "IL[23][0-9]{3}" "$work/publish.log"; then
  fail "trimming/AOT warnings above"
fi
grep -q "Generating native code" "$work/publish.log" || { cat "$work/publish.log"; fail "the AOT compiler did not run"; }
native="$work/publish/AotInference"
[ -x "$native" ] || fail "no native executable at $native"
echo "ok   published in $((SECONDS - start)) s, no IL2xxx/IL3xxx warning, $(($(stat -c %s "$native") / 1024)) KiB executable"

echo "== native vs JIT"
dotnet build "$sample" -c Release > "$work/build.log" 2>&1 || { cat "$work/build.log"; fail "JIT build failed"; }
jit=(dotnet "$sample/bin/Release/net10.0/AotInference.dll")
"${jit[@]}" --write-image "$work/seven.pgm" > /dev/null
"${jit[@]}" --write-image "$work/seven.png" > /dev/null

compare() { # compare() LABEL ARGS...: same deterministic lines from both builds
  local label="$1"; shift
  "$native" "$@" > "$work/native.txt" || fail "native run failed ($label)"
  "${jit[@]}" "$@" > "$work/jit.txt" || fail "JIT run failed ($label)"
  grep -qx "mode: native AOT" "$work/native.txt" || fail "the native binary did not run as native AOT"
  grep -qx "mode: JIT" "$work/jit.txt" || fail "the JIT build did not run under the JIT"
  grep -qE "^(top class|accuracy): " "$work/native.txt" || fail "no top class or accuracy printed ($label)"
  if ! diff <(grep -vE "^(mode|time):" "$work/jit.txt") <(grep -vE "^(mode|time):" "$work/native.txt"); then
    fail "native output differs from the JIT output ($label)"
  fi
  echo "ok   $label: identical output, $(grep -E '^(top class|accuracy)' "$work/native.txt")"
  echo "     native: $(grep '^time' "$work/native.txt" | cut -d' ' -f2-)"
  echo "     JIT:    $(grep '^time' "$work/jit.txt" | cut -d' ' -f2-)"
}
compare "generated image"
compare "PGM input" --input "$work/seven.pgm"
compare "PNG input" --input "$work/seven.png"

echo "== MNIST test set"
if [ -z "$mnist" ]; then
  echo "skip no MNIST test files (pass --mnist DIR, or run samples/Mnist once to fill the cache)"
else
  compare "MNIST t10k" --idx "$mnist/t10k-images-idx3-ubyte" "$mnist/t10k-labels-idx1-ubyte"
  accuracy=$(grep "^accuracy: " "$work/native.txt" | cut -d' ' -f2)
  if [ -n "$min_accuracy" ]; then
    awk -v a="$accuracy" -v m="$min_accuracy" 'BEGIN { exit !(a >= m) }' \
      || fail "accuracy $accuracy on the MNIST test set is below --min-accuracy $min_accuracy"
    echo "ok   accuracy $accuracy >= $min_accuracy"
  fi
fi

echo "== shipped weights"
if grep -aq "not trained" "$sample/lenet5.safetensors"; then
  "${jit[@]}" --write-weights "$work/lenet5.safetensors" > /dev/null
  cmp -s "$work/lenet5.safetensors" "$sample/lenet5.safetensors" \
    || fail "samples/AotInference/lenet5.safetensors is not what --write-weights produces; regenerate it"
  echo "ok   lenet5.safetensors matches its generator ($(stat -c %s "$sample/lenet5.safetensors") bytes)"
else
  echo "ok   lenet5.safetensors holds trained weights ($(stat -c %s "$sample/lenet5.safetensors") bytes); its generator check does not apply"
fi
echo "aot test: OK"
