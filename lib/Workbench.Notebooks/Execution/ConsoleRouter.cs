using System.Text;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// Stands in for <see cref="Console.Out"/> or <see cref="Console.Error"/> during a run and sends
/// what is written to the running cell's outputs; with no cell running, to the original writer.
/// Native (libtorch) prints bypass it.
/// </summary>
internal sealed class ConsoleRouter(string streamName, TextWriter original) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public TextWriter Original { get; } = original;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (NotebookContext.Current is { } sink) sink.WriteStream(streamName, value);
        else Original.Write(value);
    }

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void WriteLine() => Write("\n");
}
