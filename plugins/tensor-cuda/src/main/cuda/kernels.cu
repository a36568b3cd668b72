// The provider's kernels as one translation unit: nvcc compiles it to the single PTX module the
// provider loads (kernels.ptx), and the kernels-on-host tests compile it with g++ into one
// shared library. Each family lives in its own file.
#include "presso_kernels.cuh"
#include "numerics.cuh"
#include "block.cuh"

#include "elementwise.cu"
#include "reduce.cu"
#include "neural.cu"
#include "index.cu"
#include "quant.cu"
#include "layout.cu"
