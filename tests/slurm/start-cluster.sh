#!/usr/bin/env bash
# A one-node Slurm cluster on localhost for the Slurm tests and CI, without systemd.
#
# Installs Debian 12's slurm-wlm (22.05) and munge when missing, starts munged, writes
# /etc/slurm/slurm.conf for one node (this machine's CPUs and memory, partition `debug`), starts
# slurmctld and slurmd as root (daemonised) and waits until `sinfo` shows the node idle.
# Idempotent: when the cluster is already up with this script's configuration it does nothing.
# Needs root. Stop it with tests/slurm/stop-cluster.sh.
#
# Environment: WORKBENCH_SLURM_STATE (default /var/spool/workbench-slurm) holds the controller
# state, the node spool, the pid files and the daemons' logs.
set -euo pipefail

state="${WORKBENCH_SLURM_STATE:-/var/spool/workbench-slurm}"
conf=/etc/slurm/slurm.conf
marker="# written by the Retrieval Workbench's tests/slurm/start-cluster.sh"

log() { echo "slurm-up: $*"; }
die() { echo "slurm-up: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (it installs packages and starts munged, slurmctld and slurmd)."

node_state() { sinfo -h -N -n localhost -o %t 2>/dev/null | head -n1 || true; }

# --- packages ---------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 \
   || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  log "installing slurm-wlm and munge (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=900 update -qq
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq slurm-wlm munge >/dev/null
fi

# --- configuration ----------------------------------------------------------------------------
if [ -f "$conf" ] && ! head -n1 "$conf" | grep -qF "$marker"; then
  die "$conf exists and was not written by this script; refusing to overwrite a real cluster's configuration."
fi
cpus=$(nproc)
# RealMemory must not exceed what slurmd detects; leave 10 % for the system.
mem_mb=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
mem_per_cpu=$(( mem_mb / cpus ))
mkdir -p /etc/slurm "$state/ctld" "$state/d" "$state/log"
new_conf=$(mktemp)
cat >"$new_conf" <<CONF
$marker
ClusterName=workbench
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# A requeued job may start again after cred_expire seconds (default 120); short for tests.
AuthInfo=cred_expire=10
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
DefMemPerCPU=$mem_per_cpu
ReturnToService=2
JobRequeue=1
# Finished jobs stay visible to squeue/scontrol for an hour (there is no accounting database).
MinJobAge=3600
KillWait=30
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
MpiDefault=none
NodeName=localhost CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if [ -f "$conf" ] && cmp -s "$new_conf" "$conf" && running "$state/slurmctld.pid" && running "$state/slurmd.pid"; then
  case "$(node_state)" in
    idle|mix|alloc|comp)
      rm -f "$new_conf"
      log "already up (node localhost: $(node_state))"
      exit 0 ;;
  esac
fi
mv "$new_conf" "$conf"
chmod 644 "$conf"

# --- munge ------------------------------------------------------------------------------------
mkdir -p /run/munge /var/log/munge /var/lib/munge /etc/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge /etc/munge
chmod 0755 /run/munge
if [ ! -s /etc/munge/munge.key ]; then
  log "creating a munge key"
  if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile=/etc/munge/munge.key --force
  else
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "starting munged"
  runuser -u munge -- munged --force
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null || die "munged did not start (see /var/log/munge/munged.log)."
fi

# --- slurm daemons ----------------------------------------------------------------------------
# A changed configuration (or a half-started cluster) restarts both daemons.
for d in slurmd slurmctld; do
  if running "$state/$d.pid"; then
    log "restarting $d"
    kill "$(cat "$state/$d.pid")"
    for _ in $(seq 100); do running "$state/$d.pid" || break; sleep 0.1; done
  fi
done
log "starting slurmctld and slurmd"
slurmctld || die "slurmctld did not start (see $state/log/slurmctld.log)."
slurmd || die "slurmd did not start (see $state/log/slurmd.log)."

for i in $(seq 60); do
  s=$(node_state)
  case "$s" in
    idle|mix|alloc) log "up after ${i}s (node localhost: $s, $cpus CPUs, $mem_mb MB)"; exit 0 ;;
    down*|drain*|drng*|fail*) scontrol update NodeName=localhost State=RESUME >/dev/null 2>&1 || true ;;
  esac
  sleep 1
done
die "the node did not become idle within 60 s (sinfo: $(node_state)); logs in $state/log."
