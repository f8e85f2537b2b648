#!/usr/bin/env bash
# Packs ConvGen the way a release would and uses it the way a user would, outside the solution:
#  1. copies the working tree twice to different temp paths (as fresh git repos) and packs each with
#     ContinuousIntegrationBuild=true: the two .nupkg/.snupkg must be byte-identical (deterministic, path-independent);
#  2. creates a console app in a temp folder with its own nuget.config (the local feed for ConvGen only, nuget.org for
#     anything else) and its own global packages folder (so no stale ConvGen from the cache), referencing only ConvGen;
#  3. builds it warning-free, runs it, and checks its output: a network worked out by hand, generated code vs the
#     packaged reference interpreter, safetensors round trip, and the package layout (lib/, analyzers/, README, license, pdb).
# Needs only the .NET SDK (and git, present in any clone). Prints "package test: OK" and exits 0 on success.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/convgen-package-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "package test: FAILED: $*" >&2; exit 1; }

# Copy the working tree (tracked + untracked, not ignored: no bin/obj) into a fresh repo with a fixed commit,
# so SourceLink maps paths the same way in both copies.
snapshot() {
  local dest="$1"
  mkdir -p "$dest"
  (cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$dest")
  (cd "$dest" && git init -q && git add -A \
    && GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z \
       git -c user.name=convgen-ci -c user.email=ci@convgen.invalid commit -qm snapshot)
}

echo "== packing twice from two copies"
for n in 1 2; do
  snapshot "$work/src$n"
  dotnet pack "$work/src$n/src/ConvGen" -c Release -o "$work/feed$n" -p:ContinuousIntegrationBuild=true \
    > "$work/pack$n.log" 2>&1 || { cat "$work/pack$n.log"; fail "dotnet pack failed"; }
done

shopt -s nullglob
packages=("$work"/feed1/*.nupkg)
[ ${#packages[@]} -eq 1 ] || fail "expected exactly one .nupkg, got: ${packages[*]:-none}"
nupkg="${packages[0]}"
name="$(basename "$nupkg" .nupkg)"
version="${name#ConvGen.}"
[ "$name" = "ConvGen.$version" ] || fail "package is $name, expected ConvGen.<version>"
snupkg="$work/feed1/$name.snupkg"
[ -f "$snupkg" ] || fail "no symbols package $name.snupkg"
for f in "$name.nupkg" "$name.snupkg"; do
  a="$(sha256sum < "$work/feed1/$f")"; b="$(sha256sum < "$work/feed2/$f" 2>/dev/null || true)"
  [ "$a" = "$b" ] || fail "$f differs between two builds of the same sources: not deterministic"
done
echo "ok   $name.nupkg and .snupkg are byte-identical across two builds in different folders"

echo "== consumer app outside the solution"
app="$work/app"
mkdir -p "$app"
cp "$root"/.ci/package-consumer/*.cs "$root"/.ci/package-consumer/Consumer.csproj "$app/"
# Stop MSBuild from picking up any Directory.Build.* above the temp folder.
echo '<Project />' > "$app/Directory.Build.props"
echo '<Project />' > "$app/Directory.Build.targets"
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed1" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="ConvGen" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
export NUGET_PACKAGES="$work/packages"
(cd "$app" && dotnet build -c Release -p:ConvGenVersion="$version" > "$work/build.log" 2>&1) \
  || { cat "$work/build.log"; fail "the consumer app does not build against the package"; }
grep -Eq "^ +0 Warning\(s\)" "$work/build.log" || { cat "$work/build.log"; fail "the consumer build has warnings"; }
[ -f "$NUGET_PACKAGES/convgen/$version/analyzers/dotnet/cs/ConvGen.Generator.dll" ] || fail "restore did not take ConvGen from the local feed"
bin="$app/bin/Release/net10.0"
[ -f "$bin/ConvGen.dll" ] || fail "ConvGen.dll is not in the app output"
[ ! -e "$bin/ConvGen.Generator.dll" ] || fail "the generator was copied to the app output (referenced as a library)"

output="$(cd "$app" && dotnet "$bin/Consumer.dll" "$nupkg" "$snupkg")" || { echo "$output"; fail "the consumer app failed"; }
echo "$output"
grep -qx "tiny: 0 0 17 27" <<< "$output" || fail "hand-computed output 'tiny: 0 0 17 27' not printed"
grep -qx "consumer: OK" <<< "$output" || fail "consumer checks failed"

echo "== README 'Seeing the generated code' snippet in the app, built twice"
# The snippet as the README shows it (the first xml block of that section), pasted into the app's project file.
snippet="$(awk '/^## Seeing the generated code/ { section = 1 } section && /^```xml/ { inside = 1; next } inside && /^```/ { exit } inside' "$root/README.md")"
[ -n "$snippet" ] || fail "no xml block in the README section 'Seeing the generated code'"
printf '%s\n' "$snippet" > "$work/snippet.xml"
awk -v file="$work/snippet.xml" '/<\/Project>/ { while ((getline line < file) > 0) print line } { print }' \
  "$app/Consumer.csproj" > "$work/Consumer.csproj" && mv "$work/Consumer.csproj" "$app/Consumer.csproj"
for n in 1 2; do
  (cd "$app" && dotnet build -c Release -p:ConvGenVersion="$version" > "$work/snippet$n.log" 2>&1) \
    || { tail -40 "$work/snippet$n.log"; fail "build $n with the README's generated-files snippet failed"; }
done
find "$app/Generated" -name '*.g.cs' | grep -q . || fail "the snippet wrote no generated file under Generated/"
echo "ok   the generated-files snippet builds twice and writes Generated/*.g.cs"

echo "== README 'Install' route and 'A complete example', in a new console app"
# The commands of the README's Install section, with its folders under $work; the example is the README's own text.
route="$work/route"
mkdir -p "$route/packages" "$route/app"
route_version="0.1.0-local.$(date +%Y%m%d%H%M%S)"
dotnet pack "$work/src1/src/ConvGen" -c Release -o "$route/packages" -p:Version="$route_version" > "$route/pack.log" 2>&1 \
  || { cat "$route/pack.log"; fail "the README's dotnet pack command failed"; }
(
  cd "$route/app"
  echo '<Project />' > Directory.Build.props && echo '<Project />' > Directory.Build.targets
  dotnet new console --framework net10.0 > "$route/new.log" 2>&1
  dotnet new nugetconfig >> "$route/new.log" 2>&1
  dotnet nuget add source "$route/packages" --name convgen-local --configfile nuget.config >> "$route/new.log" 2>&1
  dotnet add package ConvGen --version "$route_version" >> "$route/new.log" 2>&1
) || { cat "$route/new.log"; fail "the README's install commands failed"; }
awk '/^## A complete example/ { section = 1 } section && /^```csharp/ { inside = 1; next } inside && /^```/ { exit } inside' \
  "$root/README.md" > "$route/app/Program.cs"
[ -s "$route/app/Program.cs" ] || fail "no csharp block in the README section 'A complete example'"
example="$(cd "$route/app" && dotnet run -c Release 2>&1)" || { echo "$example"; fail "the README's complete example does not build or run"; }
echo "$example"
grep -q "outputs" <<< "$example" || fail "the complete example printed nothing"
echo "ok   the README's install route and complete example work in a new console app"
echo "package test: OK"
