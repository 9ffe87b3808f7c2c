#!/usr/bin/env python3
"""Checks notebooks executed by `jupyter nbconvert --execute` in the real .NET Interactive kernel.

For each executed notebook: no cell has an error output, and every chart output (text/html that
calls Plotly's newPlot) draws in headless Chromium with the network off. The outputs are put on
one page in notebook order, as a notebook front end shows them (plotly.js travels inside the
first chart output of the session, see PlotlyHtml); the page's DOM must then hold one drawn
plot (div.js-plotly-plot with an svg.main-svg) per chart. Exit 1 on any problem.

Usage: kernel-notebooks.py OUT_DIR NOTEBOOK.ipynb...
"""
import html, json, os, re, subprocess, sys, tempfile

def text(value):
    return "".join(value) if isinstance(value, list) else value

def main(out_dir, notebooks):
    chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome")
                     if any(os.access(os.path.join(d, c), os.X_OK) for d in os.environ.get("PATH", "").split(":"))), None)
    problems = []
    for path in notebooks:
        name = os.path.basename(path)
        nb = json.load(open(path, encoding="utf-8"))
        parts, charts, cells = [], 0, 0
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            cells += 1
            for out in cell.get("outputs", []):
                if out["output_type"] == "error":
                    problems.append(f"{name}: cell {cell.get('id')}: {out['ename']}: {out['evalue'][:300]}")
                h = text(out.get("data", {}).get("text/html", ""))
                if h:
                    if "newPlot(" in h:
                        charts += 1
                    parts.append(f"<div class='output'>{h}</div>")
        if charts == 0:
            print(f"{name}: {cells} code cells, no charts")
            continue
        if chromium is None:
            problems.append(f"{name}: chromium is not installed, charts not checked")
            continue
        page = os.path.join(out_dir, os.path.splitext(name)[0] + ".outputs.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + html.escape(name) +
                    "</title></head><body>" + "\n".join(parts) + "</body></html>")
        with tempfile.TemporaryDirectory() as profile:
            dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                  "--disable-background-networking", f"--user-data-dir={profile}",
                                  "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                                  "--window-size=1280,4000", "--virtual-time-budget=15000", "--dump-dom", "file://" + os.path.abspath(page)],
                                 capture_output=True, text=True, timeout=300).stdout
        drawn = len(re.findall(r'class="[^"]*js-plotly-plot', dom))
        svgs = len(re.findall(r'<svg class="main-svg"', dom))
        print(f"{name}: {cells} code cells, {charts} charts, {drawn} drawn offline")
        if drawn != charts or svgs < charts:
            problems.append(f"{name}: {charts} chart outputs but {drawn} drawn ({svgs} svg) in headless Chromium with the network off; see {page}")
    for p in problems:
        print("PROBLEM: " + p, file=sys.stderr)
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
