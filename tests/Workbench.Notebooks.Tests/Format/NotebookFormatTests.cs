using System.Text;
using System.Text.Json.Nodes;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Format;

public class NotebookFormatTests
{
    // Written the way Jupyter and VS Code write notebooks: one-space indent, sorted keys, line arrays.
    private const string Canonical = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "title",
           "metadata": {},
           "source": [
            "# Café <b>&amp;</b> 🚀\n",
            "\n",
            "tab\tand \"quotes\" \\ back"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 3,
           "id": "train-loop",
           "metadata": {
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            },
            "tags": [
             "parameters"
            ],
            "vscode": {
             "languageId": "polyglot-notebook"
            },
            "zz_custom": {
             "n": 1.5,
             "z": [
              1,
              true,
              null
             ]
            }
           },
           "outputs": [
            {
             "name": "stdout",
             "output_type": "stream",
             "text": [
              "epoch 1\n",
              "epoch 2\n"
             ]
            },
            {
             "data": {
              "image/png": "iVBORw0KGgo=",
              "text/html": [
               "<b>x</b>\n",
               "<i>y</i>"
              ],
              "text/plain": [
               "x"
              ]
             },
             "metadata": {},
             "output_type": "display_data"
            },
            {
             "data": {
              "application/json": {
               "a": [
                1,
                2
               ]
              },
              "text/plain": [
               "42"
              ]
             },
             "execution_count": 3,
             "metadata": {},
             "output_type": "execute_result"
            },
            {
             "ename": "InvalidOperationException",
             "evalue": "bad",
             "output_type": "error",
             "traceback": [
              "line 1",
              "line 2"
             ]
            }
           ],
           "source": [
            "int epochs = 3;\n",
            "Console.WriteLine(\"\\u0001\");"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "empty",
           "metadata": {},
           "outputs": [],
           "source": []
          }
         ],
         "metadata": {
          "kernelspec": {
           "display_name": ".NET (C#)",
           "language": "C#",
           "name": ".net-csharp"
          },
          "polyglot_notebook": {
           "kernelInfo": {
            "defaultKernelName": "csharp",
            "items": [
             {
              "aliases": [],
              "name": "csharp"
             }
            ]
           }
          },
          "unknown": "kept"
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }

        """;

    [Fact]
    public void A_notebook_round_trips_byte_for_byte_in_the_writer_conventions()
    {
        var nb = Notebook.Parse(Canonical);
        Assert.Equal(3, nb.Cells.Count);
        var code = nb.Cells[1];
        Assert.Equal(["parameters"], code.Tags);
        Assert.Equal("int epochs = 3;\nConsole.WriteLine(\"\\u0001\");", code.Source);
        Assert.Equal(["stream", "display_data", "execute_result", "error"], code.Outputs.Select(o => o.OutputType));
        Assert.Equal("<b>x</b>\n<i>y</i>", ((DisplayDataOutput)code.Outputs[1]).Data.Get("text/html"));
        Assert.Equal(Canonical, nb.ToJson());
    }

    [Fact]
    public void Save_writes_utf8_without_bom_and_a_trailing_newline()
    {
        using var fx = new NotebookFixture();
        var nb = Notebook.Parse(Canonical);
        nb.Save(fx.PathOf("a.ipynb"));
        byte[] bytes = File.ReadAllBytes(fx.PathOf("a.ipynb"));
        Assert.Equal((byte)'{', bytes[0]);
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.Equal(Canonical, Encoding.UTF8.GetString(bytes));
    }

    [NbformatFact]
    public void The_writer_matches_pythons_json_dumps_as_used_by_nbformat()
    {
        string python = ExternalTools.Python!;
        using var fx = new NotebookFixture();
        var nb = Notebook.Parse(Canonical);
        nb.Cells[0].Source = "weird \u0007 \u001f \u2028 \u00e9 </script> 'single'";
        nb.Save(fx.PathOf("b.ipynb"));
        var (code, stdout, stderr) = ExternalTools.Run(python,
            ["-c", "import json,sys; t=open(sys.argv[1],encoding='utf-8').read(); sys.stdout.write(str(t == json.dumps(json.loads(t), indent=1, sort_keys=True, ensure_ascii=False) + '\\n'))", fx.PathOf("b.ipynb")],
            null, TimeSpan.FromSeconds(30));
        Assert.True(code == 0, stderr);
        Assert.Equal("True", stdout);
    }

    [Fact]
    public void A_source_given_as_one_string_is_written_as_lines_and_missing_ids_are_assigned()
    {
        var nb = Notebook.Parse("""{"cells":[{"cell_type":"code","execution_count":null,"metadata":{},"outputs":[],"source":"a\nb\n"},{"cell_type":"markdown","id":"cell-0","metadata":{},"source":"x"},{"cell_type":"raw","metadata":{},"source":""}],"metadata":{},"nbformat":4,"nbformat_minor":2}""");
        Assert.Equal(2, nb.SourceFormatMinor);
        Assert.Null(nb.Cells[0].Id);
        Assert.Throws<InvalidOperationException>(() => nb.ToJson());
        nb.EnsureIds();
        Assert.Equal(["cell-0-2", "cell-0", "cell-2"], nb.Cells.Select(c => c.Id));
        var written = JsonNode.Parse(nb.ToJson())!;
        Assert.Equal(5, written["nbformat_minor"]!.GetValue<int>());
        Assert.Equal(2, written["cells"]![0]!["source"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"nbformat":3,"cells":[]}""", "nbformat 3 is not supported")]
    [InlineData("""{"nbformat":4,"nbformat_minor":5,"metadata":{}}""", "'cells' is missing")]
    [InlineData("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","id":"bad id","source":""}]}""", "id 'bad id' is not valid")]
    [InlineData("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"sql","id":"a","source":""}]}""", "unknown cell_type 'sql'")]
    public void Malformed_notebooks_are_rejected_with_the_reason(string json, string message)
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(json));
        Assert.Contains(message, e.Message);
    }

    [NbformatFact]
    public void Executed_notebooks_validate_against_the_nbformat_4_5_schema()
    {
        using var fx = new NotebookFixture();
        var nb = NotebookFixture.Code(
            "[parameters]\nint n = 2;",
            "Console.WriteLine(\"out\"); Console.Error.WriteLine(\"err\"); display(HTML(\"<b>b</b>\")); n",
            "[raises-exception]\nthrow new Exception(\"expected\");",
            "#!fsharp\nlet x = 1",
            "int y = \"no\";");
        nb.Cells.Insert(0, NotebookCell.Markdown("intro", "# Title"));
        var r = fx.Run(nb, new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["n"] = "5" } });
        Assert.Equal(RunStatus.CellFailed, r.Status);
        r.Executed.Save(fx.PathOf("executed.ipynb"));
        var (code, _, stderr) = ExternalTools.Run(ExternalTools.Python!,
            ["-c", "import nbformat,sys; nb=nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); assert nb.nbformat_minor == 5", fx.PathOf("executed.ipynb")],
            null, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, stderr);
    }
}
