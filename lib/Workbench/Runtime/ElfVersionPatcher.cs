using System.Buffers.Binary;
using System.Text;

namespace Workbench.Runtime;

/// <summary>
/// Reads and edits the GNU symbol-version requirements (<c>.gnu.version_r</c>) of an ELF64
/// little-endian shared library. Used to mark a version requirement such as
/// <c>GLIBCXX_3.4.32</c> weak (<c>VER_FLG_WEAK</c>) on a private copy of
/// <c>libLibTorchSharp.so</c>, so that it loads against an older libstdc++.
/// </summary>
/// <remarks>
/// Weakening is only safe when no relocation references a symbol bound to that version
/// (the symbol is then never called). <see cref="Analyze"/> checks exactly that, by walking
/// <c>.gnu.version</c>, <c>.dynsym</c> and every RELA section linked to <c>.dynsym</c>.
/// </remarks>
public static class ElfVersionPatcher
{
    private const uint ShtRela = 4;
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Reads every version requirement of the library.</summary>
    /// <param name="elf">The whole file.</param>
    /// <exception cref="InvalidDataException">Not an ELF64 little-endian file, or a malformed table.</exception>
    public static IReadOnlyList<ElfVersionNeed> Analyze(ReadOnlySpan<byte> elf)
    {
        var sections = ReadSections(elf);
        var result = new List<ElfVersionNeed>();
        foreach (var sec in sections.Where(s => s.Type == ShtGnuVerneed))
        {
            var strtab = sections[(int)sec.Link];
            long pos = sec.Offset;
            for (int n = 0; n < sec.Info; n++)
            {
                ushort count = U16(elf, pos + 2);
                string file = CString(elf, strtab.Offset + U32(elf, pos + 4));
                long aux = pos + U32(elf, pos + 8);
                for (int a = 0; a < count; a++)
                {
                    ushort flags = U16(elf, aux + 4);
                    ushort index = U16(elf, aux + 6);
                    string name = CString(elf, strtab.Offset + U32(elf, aux + 8));
                    int relocated = CountRelocatedSymbols(elf, sections, index);
                    result.Add(new ElfVersionNeed(file, name, index, (flags & VerFlgWeak) != 0, relocated, aux + 4));
                    uint next = U32(elf, aux + 12);
                    if (next == 0) break;
                    aux += next;
                }
                uint vnNext = U32(elf, pos + 12);
                if (vnNext == 0) break;
                pos += vnNext;
            }
        }
        return result;
    }

    /// <summary>
    /// Sets <c>VER_FLG_WEAK</c> on the named version requirements, in place.
    /// </summary>
    /// <param name="elf">The whole file, modified in place.</param>
    /// <param name="versions">Version names to weaken, for example <c>GLIBCXX_3.4.32</c>.</param>
    /// <returns>The names that were weakened.</returns>
    /// <exception cref="InvalidOperationException">A named version is referenced by a relocation
    /// (weakening it would turn a load-time error into a crash at call time).</exception>
    public static IReadOnlyList<string> Weaken(Span<byte> elf, IEnumerable<string> versions)
    {
        var wanted = new HashSet<string>(versions, StringComparer.Ordinal);
        var done = new List<string>();
        foreach (var need in Analyze(elf).Where(n => wanted.Contains(n.Name)))
        {
            if (need.RelocatedSymbols > 0)
            {
                throw new InvalidOperationException(
                    $"{need.Name} is used by {need.RelocatedSymbols} relocated symbol(s); it cannot be weakened safely. " +
                    "Install a newer libstdc++ (e.g. Debian 13 / Ubuntu 24.04) instead.");
            }
            ushort flags = U16(elf, need.FlagsOffset);
            BinaryPrimitives.WriteUInt16LittleEndian(elf.Slice((int)need.FlagsOffset, 2), (ushort)(flags | VerFlgWeak));
            done.Add(need.Name);
        }
        return done;
    }

    private static int CountRelocatedSymbols(ReadOnlySpan<byte> elf, List<Section> sections, ushort versionIndex)
    {
        var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        int dynsymIndex = sections.FindIndex(s => s.Type == ShtDynsym);
        if (versym is null || dynsymIndex < 0) return 0;
        var symbols = new HashSet<ulong>();
        for (long i = 0; i < versym.Size / 2; i++)
        {
            if ((U16(elf, versym.Offset + 2 * i) & 0x7fff) == versionIndex) symbols.Add((ulong)i);
        }
        if (symbols.Count == 0) return 0;
        var hit = new HashSet<ulong>();
        foreach (var rela in sections.Where(s => s.Type == ShtRela && s.Link == dynsymIndex))
        {
            for (long off = rela.Offset; off + 24 <= rela.Offset + rela.Size; off += 24)
            {
                ulong sym = U64(elf, off + 8) >> 32;
                if (symbols.Contains(sym)) hit.Add(sym);
            }
        }
        return hit.Count;
    }

    private sealed record Section(uint Type, long Offset, long Size, uint Link, uint Info);

    private static List<Section> ReadSections(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("Not an ELF file.");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("Only ELF64 little-endian libraries are supported.");
        long shoff = (long)U64(elf, 0x28);
        ushort shentsize = U16(elf, 0x3A);
        ushort shnum = U16(elf, 0x3C);
        if (shentsize != 64 || shoff <= 0 || shoff + (long)shnum * 64 > elf.Length)
            throw new InvalidDataException("Malformed ELF section header table.");
        var list = new List<Section>(shnum);
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + 64L * i;
            var s = new Section(U32(elf, h + 4), (long)U64(elf, h + 0x18), (long)U64(elf, h + 0x20), U32(elf, h + 0x28), U32(elf, h + 0x2C));
            list.Add(s);
        }
        return list;
    }

    private static ushort U16(ReadOnlySpan<byte> b, long at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(b, at, 2));
    private static uint U32(ReadOnlySpan<byte> b, long at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(b, at, 4));
    private static ulong U64(ReadOnlySpan<byte> b, long at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(b, at, 8));

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> b, long at, int n)
    {
        if (at < 0 || at + n > b.Length) throw new InvalidDataException($"ELF read out of range at offset {at}.");
        return b.Slice((int)at, n);
    }

    private static string CString(ReadOnlySpan<byte> b, long at)
    {
        var rest = Slice(b, at, 1).Length > 0 ? b[(int)at..] : default;
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException("Unterminated ELF string.");
        return Encoding.ASCII.GetString(rest[..end]);
    }
}
