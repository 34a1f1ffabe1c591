#!/usr/bin/env bash
# One redis-server against a Redis Cluster of three masters, on this machine: chapters 07 and 08, each run
# on --store embedded and then on --store cluster (the same redis-server binary), and each phase's rate on
# both side by side with the ratio (objectstore.tools.CompareRuns).
#
#   ./mvnw install -DskipTests          # once
#   scripts/cluster-vs-node.sh                                   # --iterations 20000 --rounds 3
#   scripts/cluster-vs-node.sh --iterations 5000 --rounds 1 --redis-server system
#
# Arguments go to every run as they are (defaults: --iterations 20000 --rounds 3). The results files are
# kept in target/cluster-vs-node/. Other work on the machine moves the figures: each run's summary says
# how many cores other processes used.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(--iterations 20000 --rounds 3)
out="$PWD/target/cluster-vs-node"
mkdir -p "$out"
for chapter in 07-async-redis 08-lite-over-redis; do
    for store in embedded cluster; do
        echo "== $chapter on --store $store"
        ./mvnw -q -pl "$chapter" exec:java -Dexec.args="--store $store ${args[*]} --json $out/$chapter-$store.json" | tail -n 3
    done
done
for chapter in 07-async-redis 08-lite-over-redis; do
    ./mvnw -q -pl common exec:java -Dexec.mainClass=objectstore.tools.CompareRuns \
        -Dexec.args="$out/$chapter-embedded.json $out/$chapter-cluster.json"
done
