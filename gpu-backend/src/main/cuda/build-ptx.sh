#!/usr/bin/env bash
# Regenerates the PTX resources of the CUDA backend from the CUDA sources in this folder.
#
# Each PTX file starts with a header naming its source, the SHA-256 of that source, the
# command that produced it and the oldest driver that loads it; PtxResourceTest fails when the
# recorded hash no longer matches the source. Run from anywhere: ./build-ptx.sh [nvcc]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../resources/io/descent/cuda"
nvcc="${1:-${NVCC:-nvcc}}"
# The oldest virtual architecture the toolkit accepts: PTX for it JIT-compiles on every newer GPU.
arch="$("$nvcc" --list-gpu-arch | grep '^compute_' | sort -t_ -k2 -n | head -n 1)"
release="$("$nvcc" --version | sed -n 's/.*release \([0-9]*\)\.\([0-9]*\).*/\1.\2/p')"
major="${release%%.*}"
minor="${release#*.}"
driver_min=$((major * 1000 + minor * 10))

mkdir -p "$out"
for src in "$here"/*.cu; do
    name="$(basename "$src" .cu)"
    hash="$(sha256sum "$src" | cut -d' ' -f1)"
    tmp="$(mktemp)"
    (cd "$here" && "$nvcc" -ptx -std=c++17 -arch="$arch" -o "$tmp" "$name.cu")
    {
        echo "// descent: generated file, do not edit."
        echo "// source: gpu-backend/src/main/cuda/$name.cu"
        echo "// source-sha256: $hash"
        echo "// command: nvcc -ptx -std=c++17 -arch=$arch -o $name.ptx $name.cu"
        echo "// toolkit: $release"
        echo "// driver-min: $driver_min"
        echo "// regenerate: gpu-backend/src/main/cuda/build-ptx.sh"
        cat "$tmp"
    } > "$out/$name.ptx"
    rm -f "$tmp"
    echo "wrote $out/$name.ptx ($arch, toolkit $release, driver >= $driver_min)"
done
