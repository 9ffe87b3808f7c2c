namespace Workbench.Runtime;

/// <summary>One <c>Vernaux</c> entry of an ELF library: a symbol version it requires from a dependency.</summary>
/// <param name="File">The dependency, for example <c>libstdc++.so.6</c>.</param>
/// <param name="Name">The version name, for example <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Index">The version index used by <c>.gnu.version</c>.</param>
/// <param name="IsWeak">Whether <c>VER_FLG_WEAK</c> is set.</param>
/// <param name="RelocatedSymbols">How many dynamic symbols bound to this version a relocation references.</param>
/// <param name="FlagsOffset">File offset of the entry's <c>vna_flags</c> field.</param>
public sealed record ElfVersionNeed(string File, string Name, ushort Index, bool IsWeak, int RelocatedSymbols, long FlagsOffset);
