namespace Workbench.Reporting;

public sealed partial class HtmlDocument
{
    /// <summary>The page's stylesheet (inline; no external fonts or files).</summary>
    public const string Style = """
        body { margin: 0; background: #fafafa; color: #1d1d1f; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
        h1 { font-size: 28px; margin: 8px 0 4px; }
        h2 { font-size: 21px; margin: 28px 0 8px; border-bottom: 1px solid #e5e5e5; padding-bottom: 4px; }
        h3, h4, h5, h6 { margin: 20px 0 6px; }
        a { color: #0b62c4; }
        .wb-subtitle { color: #666; margin-top: 0; }
        pre, code { font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        pre { background: #f5f6f8; border: 1px solid #e4e6ea; border-radius: 4px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; margin: 6px 0; }
        :not(pre) > code { background: #f0f1f3; padding: 1px 4px; border-radius: 3px; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
        th, td { border: 1px solid #dcdfe4; padding: 4px 8px; vertical-align: top; }
        thead th { background: #f0f2f5; }
        caption { color: #666; font-size: 13px; padding-top: 4px; }
        img.wb-image { max-width: 100%; display: block; margin: 8px 0; }
        blockquote { margin: 8px 0; padding: 2px 12px; border-left: 3px solid #d0d4da; color: #444; }
        .wb-manifest { background: #f6f8fb; border: 1px solid #d9e1ec; border-radius: 6px; padding: 4px 16px 12px; margin: 12px 0 20px; }
        .wb-manifest h2 { border: 0; font-size: 17px; margin: 8px 0; }
        .wb-manifest table { margin: 0; }
        .wb-manifest th { text-align: left; background: transparent; white-space: nowrap; font-weight: 600; }
        .wb-manifest td, .wb-manifest th { border: 0; border-top: 1px solid #e3e8ef; }
        .wb-caption { font-weight: 600; margin-bottom: 2px; }
        .wb-cell { margin: 14px 0; }
        .wb-cell-head { font-size: 12px; color: #777; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        .wb-output { margin: 4px 0 4px 18px; overflow-x: auto; }
        pre.wb-stdout { background: #fff; }
        pre.wb-stderr { background: #fff8e6; border-color: #f0dca8; }
        pre.wb-error { background: #fdecec; border-color: #f2b8b8; color: #8a1010; }
        .wb-status-ok { color: #137333; font-weight: 600; }
        .wb-status-failed { color: #b3261e; font-weight: 600; }
        """;
}
