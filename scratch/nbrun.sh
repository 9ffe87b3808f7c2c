#!/usr/bin/env bash
# scratch: execute every notebook in the real kernel
cd "$(dirname "$0")/../notebooks"
mkdir -p ../scratch/exec
for nb in *.ipynb; do
  s=$(date +%s.%N)
  WORKBENCH_PRESET=smoke timeout 900 jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=600 --output-dir ../scratch/exec "$nb" > ../scratch/exec/${nb%.ipynb}.log 2>&1
  rc=$?
  e=$(date +%s.%N)
  echo "$nb rc=$rc $(echo "$e - $s" | bc) s"
done
