#!/usr/bin/env bash
# Training on data larger than the memory the process may use (issue 14), outside CI.
#
#   sudo bash benchmarks/out-of-core.sh [memory limit in GiB, 0 for none] [samples] [directory]
#
# Builds the benchmarks, creates a cgroup (v1 memory controller) whose limit covers the process and
# the page cache it fills, moves this shell into it, and runs `LogRegGen.Benchmarks --out-of-core`:
# m synthetic rows of 30 features (default 64,000,000: X is 7.7 GB) written to a feature file in
# DIRECTORY (default: the temporary folder; it needs about twice X's size free while the file is
# written), then the disk's cold sequential read rate, one cold gradient pass and a whole Train on the
# mapped file. Prints the cgroup's peak memory at the end. With a limit of 0 there is no cgroup: give
# enough samples for X to exceed the machine's RAM itself (230,000,000 rows are 27.6 GB).
# Run nothing else meanwhile (2 cores). Needs root for the cgroup.
set -euo pipefail

limit_gib="${1:-3}"
samples="${2:-64000000}"
directory="${3:-${TMPDIR:-/tmp}}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cgroup=/sys/fs/cgroup/memory/logreggen-out-of-core

dotnet build "$repo/benchmarks/LogRegGen.Benchmarks" -c Release -nologo -v:q >/dev/null

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM; $(df -h "$directory" | awk 'NR == 2 { print $4 }') free in $directory"
if [ "$limit_gib" -eq 0 ]; then
    echo "no memory limit: X must exceed the machine's RAM by itself"
    dotnet "$repo/benchmarks/LogRegGen.Benchmarks/bin/Release/net10.0/LogRegGen.Benchmarks.dll" --out-of-core "$directory" "$samples"
    exit 0
fi

mkdir -p "$cgroup"
cleanup() { echo $$ > /sys/fs/cgroup/memory/cgroup.procs; rmdir "$cgroup" 2>/dev/null || true; }
trap cleanup EXIT
echo $((limit_gib * 1024 * 1024 * 1024)) > "$cgroup/memory.limit_in_bytes"
echo $$ > "$cgroup/cgroup.procs"

echo "memory limit of this process and its page cache: ${limit_gib} GiB"
dotnet "$repo/benchmarks/LogRegGen.Benchmarks/bin/Release/net10.0/LogRegGen.Benchmarks.dll" --out-of-core "$directory" "$samples"
echo "cgroup peak memory (process and page cache): $(( $(cat "$cgroup/memory.max_usage_in_bytes") / 1024 / 1024 )) MiB"
