#!/usr/bin/env bash
# tensor-cuda on a GPU machine, in one call: build (or use the class path staged by `run.sh stage`),
# run the TensorBackend conformance kit with large inputs on the real GPU, the stories260K reference
# check (logits within 1e-4 of tensor-cpu) and the measurements, and print them next to PyTorch's.
#   plugins/tensor-cuda/gpu/run.sh          # on the GPU machine
#   plugins/tensor-cuda/gpu/run.sh stage    # beforehand, where Maven can resolve: jars into target/gpu-run
# Needs JDK 25 (JAVA_HOME), the NVIDIA driver (libcuda.so.1) and CUDA 13 cuBLAS/cuSOLVER somewhere the
# provider looks (soname, $CUDA_HOME/lib64, /usr/local/cuda*/lib64, or PRESSO_CUDA_LIBRARY_PATH).
# Dry run without a GPU, on the fake libraries the tests build (small sizes, the fakes are loops):
#   PRESSO_CUDA_LIBRARY_PATH=$PWD/plugins/tensor-cuda/target/fake \
#   FAKE_CUDA_KERNELS=$PWD/plugins/tensor-cuda/target/host-kernels/libpresso_kernels_host.so \
#   PRESSO_BENCH_SIZES="64 128" PRESSO_BENCH_SVD=64 PRESSO_BENCH_ROWS=2 plugins/tensor-cuda/gpu/run.sh
set -uo pipefail
module=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$module/../.." && pwd)
data=${PRESSO_SHARED_DATA:-$root/../shared/data}
stage=$module/target/gpu-run
export PRESSO_BENCH_SIZES=${PRESSO_BENCH_SIZES:-4096 8192}
export PRESSO_BENCH_SVD=${PRESSO_BENCH_SVD:-4096}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

build() {
    (cd "$root" && ./mvnw -B -q install -DskipTests -pl plugins/tensor-cuda -am \
        && ./mvnw -B -q test-compile dependency:copy-dependencies -pl plugins/tensor-cuda \
            -DincludeScope=test -DoutputDirectory="$stage/lib")
}
if [ "${1:-}" = stage ] || [ ! -d "$stage/lib" ]; then
    build || { echo "build failed"; exit 1; }
    [ "${1:-}" = stage ] && exit 0
fi

# Where no toolkit is installed, PyTorch's NVIDIA wheels may hold cuBLAS 13 and cuSOLVER 12.
if [ -z "${PRESSO_CUDA_LIBRARY_PATH:-}" ] && command -v python3 >/dev/null; then
    sites=$(python3 -c 'import site; print(" ".join(site.getsitepackages()))' 2>/dev/null)
    PRESSO_CUDA_LIBRARY_PATH=$(find $sites -name 'libcublas.so.13' -o -name 'libcusolver.so.12' 2>/dev/null \
        | xargs -r -n1 dirname | sort -u | paste -sd: -)
fi
cp="$module/target/classes:$module/target/test-classes:$stage/lib/*"
java=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss4m
      -Dpresso.shared.data="$data" -Dpresso.bench.rows="${PRESSO_BENCH_ROWS:-64}" ${PRESSO_CUDA_LIBRARY_PATH:+-Dpresso.cuda.library.path=$PRESSO_CUDA_LIBRARY_PATH})
results=$(mktemp)
{ nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null \
    || echo "unknown (no nvidia-smi)"; } | sed 's/^/gpu /' >>"$results"

echo "== conformance kit on the GPU (large inputs)"
"${java[@]}" -cp "$cp" dev.presso.tck.TensorBackendTestKit cuda | tail -25
echo "kit_exit_status ${PIPESTATUS[0]}" >>"$results"

echo "== reference check and tensor-cuda measurements"
"${java[@]}" -cp "$cp" dev.presso.plugins.tensorcuda.bench.CudaBench "$data" "$PRESSO_BENCH_SVD" \
    $PRESSO_BENCH_SIZES | tee -a "$results"

echo "== PyTorch on the same GPU"
python3 - <<'PY' 2>&1 | tee -a "$results"
import os, time
try:
    import torch
except ImportError:
    print("torch_status torch not installed"); raise SystemExit
if not torch.cuda.is_available():
    print("torch_status torch has no CUDA device"); raise SystemExit
print("torch_status", torch.__version__, torch.version.cuda)
def gemm(n, dtype, tf32):
    torch.backends.cuda.matmul.allow_tf32 = tf32
    a = torch.randn(n, n, device="cuda", dtype=dtype); b = torch.randn(n, n, device="cuda", dtype=dtype)
    torch.matmul(a, b); torch.cuda.synchronize()
    iterations = 10 if n >= 8192 else 30
    start = time.perf_counter()
    for _ in range(iterations):
        torch.matmul(a, b)
    torch.cuda.synchronize()
    return 2 * n ** 3 * iterations / (time.perf_counter() - start) / 1e12
for n in map(int, os.environ["PRESSO_BENCH_SIZES"].split()):
    print(f"torch_gemm_fp32_{n} {gemm(n, torch.float32, False):.2f}")
    print(f"torch_gemm_tf32_{n} {gemm(n, torch.float32, True):.2f}")
    print(f"torch_gemm_bf16_{n} {gemm(n, torch.bfloat16, False):.2f}")
torch.linalg.svd(torch.randn(256, 256, device="cuda")); torch.cuda.synchronize()
n = int(os.environ["PRESSO_BENCH_SVD"])
a = torch.randn(n, n, device="cuda")
start = time.perf_counter(); torch.linalg.svd(a, full_matrices=False); torch.cuda.synchronize()
print(f"torch_svd_seconds {time.perf_counter() - start:.3f}")
PY

echo "== results"
awk -v sizes="$PRESSO_BENCH_SIZES" -v svd="$PRESSO_BENCH_SVD" '
    { key = $1; $1 = ""; value[key] = substr($0, 2) }
    function v(k) { return (k in value) ? value[k] : "-" }
    END {
        print "GPU: " v("gpu") "   torch: " v("torch_status") "   kit exit status: " v("kit_exit_status")
        printf "| %-26s | %-12s | %-12s |\n", "measure", "tensor-cuda", "torch"
        printf "|%s|%s|%s|\n", "----------------------------", "--------------", "--------------"
        split("fp32 tf32 bf16", kinds, " ")
        count = split(sizes, n, " ")
        for (i = 1; i <= 3; i++) for (j = 1; j <= count; j++)
            printf "| %-26s | %-12s | %-12s |\n", "GEMM " kinds[i] " " n[j] " TFLOP/s", v("gemm_" kinds[i] "_" n[j]), v("torch_gemm_" kinds[i] "_" n[j])
        printf "| %-26s | %-12s | %-12s |\n", "SVD " svd "x" svd " seconds", v("svd_seconds"), v("torch_svd_seconds")
        printf "| %-26s | %-12s | %-12s |\n", "stories260K eval tokens/s", v("eval_tokens_per_s_cuda"), "cpu: " v("eval_tokens_per_s_cpu")
        printf "| %-26s | %-12s | %-12s |\n", "logits max |cuda - cpu|", v("logits_max_abs_diff"), v("reference_check")
    }' "$results"
rm -f "$results"
