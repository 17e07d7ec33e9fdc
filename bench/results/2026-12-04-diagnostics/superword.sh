#!/bin/sh
# Does C2 vectorise the Java backend's loops? Each benchmark is run with SuperWord (C2's
# auto-vectoriser) on and off; a loop that was vectorised slows down when it is turned off.
# Single-threaded shapes (2^14 elements, 256-row mini-batches) keep the comparison stable.
# Run from the repository root after `mvn -pl bench -am package -DskipTests -Pnd4j`.
set -e
date -u; uptime
for sw in +UseSuperWord -UseSuperWord; do
  for bench in "jmh.UpdateBench -p backend=java -p log2Size=14 -p precision=F32 -p kernel=momentum" \
               "jmh.GradientBench -p backend=java -p loss=least-squares -p shape=tall,square -p batch=256"; do
    echo "== -XX:$sw $bench"
    java -jar bench/target/benchmarks.jar $bench -f 2 -jvmArgsAppend "-XX:$sw" --no-numpy \
      --out target/superword 2>&1 | grep -E 'Bench\.(step|lossAndGradient) ' || true
  done
done
uptime
