#!/usr/bin/env bash
# Stops the one-node Slurm cluster started by tests/slurm/start-cluster.sh: cancels its jobs,
# stops slurmd and slurmctld (by their pid files) and munged. A no-op when nothing runs.
set -euo pipefail
state="${WORKBENCH_SLURM_STATE:-/var/spool/workbench-slurm}"
[ "$(id -u)" = 0 ] || { echo "slurm-down: needs root" >&2; exit 1; }

stop() { # stop NAME PIDFILE
  local pid
  [ -f "$2" ] || return 0
  pid=$(cat "$2")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "slurm-down: stopped $1"
  fi
  rm -f "$2"
}

if command -v scancel >/dev/null 2>&1 && [ -f "$state/slurmctld.pid" ]; then
  scancel --full --quiet --user=root 2>/dev/null || true
fi
stop slurmd "$state/slurmd.pid"
stop slurmctld "$state/slurmctld.pid"
stop munged /run/munge/munged.pid
