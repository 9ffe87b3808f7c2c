#!/usr/bin/env bash
# Runs every notebook, unchanged, in the real .NET Interactive kernel: the dotnet-interactive tool
# pinned in .config/dotnet-tools.json, registered as the Jupyter kernel .net-csharp and driven by
# Debian's `jupyter nbconvert --execute`, at the smoke preset (WORKBENCH_PRESET, which each
# notebook's parameters cell reads). Fails on any error output, then checks that every chart
# output draws in headless Chromium with the network off (.ci/kernel-notebooks.py).
# Needs: the Release build of lib/Workbench (the notebooks' #r path), jupyter-nbconvert,
# python3-nbclient, python3-ipykernel, chromium. Writes artifacts/kernel-notebooks/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
mkdir -p "${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels"
dotnet tool run dotnet-interactive -- jupyter install >/dev/null
out=artifacts/kernel-notebooks
rm -rf "$out"; mkdir -p "$out"

execute() {
  WORKBENCH_PRESET=smoke jupyter nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=600 \
    --output-dir "$2" "$1" >"$2/$(basename "$1" .ipynb).log" 2>&1
}
run_one() {
  local nb=$1 out=$2 name t0 ok=0
  name=$(basename "$nb" .ipynb); t0=$(date +%s.%N)
  # Kernels starting at the same moment can race for the tool's first HTTP port (2048): retry once.
  execute "$nb" "$out" && ok=1
  if [ $ok = 0 ] && grep -q "address already in use" "$out/$name.log"; then sleep 5; execute "$nb" "$out" && ok=1; fi
  if [ $ok = 1 ]; then
    printf '%-32s ok     %6.1f s\n' "$name" "$(echo "$(date +%s.%N) - $t0" | bc)"
  else
    printf '%-32s FAILED %6.1f s (log: %s)\n' "$name" "$(echo "$(date +%s.%N) - $t0" | bc)" "$out/$name.log"
    grep -E "CellExecutionError|Error|Exception" "$out/$name.log" | head -20 >&2
    return 1
  fi
}
export -f execute run_one
# Two notebooks at a time (each spends much of its time in the kernel's package restore), the
# second started 15 s after the first so that the two kernels do not start together.
status=0
ls notebooks/*.ipynb | awk '{ print NR, $0 }' | xargs -P 2 -L 1 bash -c 'if [ "$1" = 2 ]; then sleep 15; fi; run_one "$2" "$0"' "$out" || status=1
python3 .ci/kernel-notebooks.py "$out" "$out"/*.ipynb || status=1
exit $status
