package dev.presso.tck.internal;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Calls every kernel of a backend once on small valid inputs, each call in its own
 * {@link Step}, so tests can check what each kernel does to memory or to its inputs.
 */
public final class KernelTour {
    /**
     * The arrays one kernel call uses; {@link #inputs()} must be unchanged by the call.
     *
     * @param inputs the arrays the kernel reads
     * @param call the kernel call
     */
    public record Step(List<DeviceArray> inputs, Consumer<TensorBackend> call) {}

    private final TensorBackend backend;
    private final List<DeviceArray> created = new ArrayList<>();
    private final List<byte[]> initial = new ArrayList<>();

    /**
     * Prepares a tour of a backend.
     *
     * @param backend the backend whose kernels are called
     */
    public KernelTour(TensorBackend backend) {
        this.backend = backend;
    }

    private DeviceArray floats(long seed, long... dims) {
        Shape shape = Shape.of(dims);
        float[] v = new float[Math.toIntExact(shape.size())];
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(0.5, 1.5);
        }
        return track(backend.fromFloats(v, shape));
    }

    private DeviceArray zeros(DType dtype, long... dims) {
        return track(backend.allocate(dtype, Shape.of(dims)));
    }

    private DeviceArray track(DeviceArray array) {
        created.add(array);
        initial.add(backend.toBytes(array));
        return array;
    }

    /**
     * Returns every array the tour created, inputs and outputs.
     *
     * @return the arrays, in creation order
     */
    public List<DeviceArray> arrays() {
        return List.copyOf(created);
    }

    /** Writes every array's initial contents back, so a step can run again from the start. */
    public void restore() {
        for (int i = 0; i < created.size(); i++) {
            DeviceArray array = created.get(i);
            try (DeviceArray copy = backend.upload(java.lang.foreign.MemorySegment.ofArray(initial.get(i)),
                    array.dtype(), array.shape())) {
                backend.copy(copy, array);
            }
        }
    }

    /**
     * Builds one step per kernel, keyed by kernel name; the arrays are created now.
     *
     * @return the steps in a stable order
     */
    public Map<String, Step> steps() {
        Map<String, Step> steps = new LinkedHashMap<>();
        DeviceArray a = floats(1, 6, 6);
        DeviceArray b = floats(2, 6, 6);
        DeviceArray spd = track(backend.fromFloats(new float[] {
            4, 1, 0, 0, 0, 1, 1, 4, 1, 0, 0, 0, 0, 1, 4, 1, 0, 0,
            0, 0, 1, 4, 1, 0, 0, 0, 0, 1, 4, 1, 1, 0, 0, 0, 1, 4}, Shape.of(6, 6)));
        DeviceArray eye = floats(4, 6, 6);
        DeviceArray vector = floats(5, 6);
        DeviceArray indices = track(backend.fromInts(new int[] {0, 5, 5, 2}, Shape.of(4)));
        DeviceArray rows = floats(6, 4, 6);
        DeviceArray tables = floats(7, 6, 3);
        DeviceArray x3 = floats(8, 6, 1, 6);
        DeviceArray out = zeros(DType.F32, 6, 6);
        steps.put("gemm", new Step(List.of(a, b), k -> k.gemm(false, false, 1f, a, b, 0f, out)));
        steps.put("unary", new Step(List.of(a), k -> k.unary(UnaryOp.EXP, a, out)));
        steps.put("binary", new Step(List.of(a, vector), k -> k.binary(BinaryOp.MUL, a, vector, out)));
        steps.put("scalar", new Step(List.of(a), k -> k.scalar(BinaryOp.ADD, a, 1f, out)));
        steps.put("clamp", new Step(List.of(a), k -> k.clamp(a, 0.7f, 0.9f, out)));
        steps.put("fill", new Step(List.of(), k -> k.fill(out, 2f)));
        DeviceArray sums = zeros(DType.F32, 6, 1);
        steps.put("reduce", new Step(List.of(a), k -> k.reduce(ReduceOp.SUM, a, sums)));
        DeviceArray argMax = zeros(DType.I32, 6);
        steps.put("argMax", new Step(List.of(a), k -> k.argMax(a, argMax)));
        DeviceArray flat = zeros(DType.F32, 36);
        steps.put("copy", new Step(List.of(a), k -> k.copy(a, flat)));
        steps.put("permute", new Step(List.of(a), k -> k.permute(a, new int[] {1, 0}, out)));
        DeviceArray half = zeros(DType.F32, 6, 3);
        steps.put("copySlice", new Step(List.of(a), k -> k.copySlice(a, half, 1, 2, 0, 3)));
        steps.put("softmax", new Step(List.of(a), k -> k.softmax(a, out)));
        steps.put("logSoftmax", new Step(List.of(a), k -> k.logSoftmax(a, out)));
        steps.put("rmsNorm", new Step(List.of(a, vector), k -> k.rmsNorm(a, vector, 1e-5f, out)));
        DeviceArray rotated = zeros(DType.F32, 6, 1, 6);
        steps.put("rope", new Step(List.of(x3, tables), k -> k.rope(x3, tables, tables, false, rotated)));
        DeviceArray wide = floats(9, 3, 8);
        DeviceArray wideOut = zeros(DType.F32, 3, 8);
        steps.put("fwht", new Step(List.of(wide), k -> k.fwht(wide, 8, 0.5f, wideOut)));
        steps.put("gather", new Step(List.of(a, indices), k -> k.gather(a, indices, rows)));
        steps.put("scatterAdd", new Step(List.of(rows, indices), k -> k.scatterAdd(rows, indices, out)));
        steps.put("hashGather", new Step(List.of(vector), k -> k.hashGather(vector, new HashSpec(3), out)));
        steps.put("hashScatterAdd", new Step(List.of(a), k -> k.hashScatterAdd(a, new HashSpec(3), vector)));
        DeviceArray topValues = zeros(DType.F32, 6, 2);
        DeviceArray topIndices = zeros(DType.I32, 6, 2);
        steps.put("topK", new Step(List.of(a), k -> k.topK(a, 2, topValues, topIndices)));
        DeviceArray halfPrecision = zeros(DType.F16, 6, 6);
        steps.put("cast", new Step(List.of(a), k -> k.cast(a, halfPrecision)));
        DeviceArray scales = floats(10, 6, 2);
        DeviceArray zeroPoints = floats(11, 6, 2);
        DeviceArray codes = zeros(DType.I4, 6, 6);
        steps.put("quantize", new Step(List.of(a, scales, zeroPoints), k -> k.quantize(a, scales, zeroPoints, codes)));
        steps.put("dequantize", new Step(List.of(codes, scales, zeroPoints),
                k -> k.dequantize(codes, scales, zeroPoints, out)));
        DeviceArray u = zeros(DType.F32, 6, 6);
        DeviceArray s = zeros(DType.F32, 6);
        DeviceArray vt = zeros(DType.F32, 6, 6);
        steps.put("svd", new Step(List.of(a), k -> k.svd(a, false, u, s, vt)));
        steps.put("qr", new Step(List.of(a), k -> k.qr(a, u, vt)));
        steps.put("cholesky", new Step(List.of(spd), k -> k.cholesky(spd, u)));
        steps.put("eigh", new Step(List.of(spd), k -> k.eigh(spd, s, u)));
        steps.put("triangularSolve", new Step(List.of(eye, b),
                k -> k.triangularSolve(eye, b, true, false, out)));
        steps.put("leastSquares", new Step(List.of(spd, b), k -> k.leastSquares(spd, b, out)));
        return steps;
    }

    /** Closes every array the tour created. */
    public void close() {
        created.forEach(DeviceArray::close);
        created.clear();
        initial.clear();
    }
}
