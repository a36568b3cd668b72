package dev.presso.plugins.tensorcpu.internal.quant;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import java.util.Arrays;

/**
 * Group-wise affine quantization of F32 rows into packed unsigned codes and back. The code is
 * computed in double, {@code clamp(rint(x / scale + zero), 0, 2^bits - 1)}; a zero scale gives the
 * clamped zero point and NaN gives code 0.
 */
public final class QuantizeKernel {
    private static final DType[] CODES = {DType.I1, DType.I2, DType.I4, DType.U8};

    private final KernelContext context;

    /** Creates the kernel. */
    public QuantizeKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes the codes of {@code x [R, C]} under per-group {@code scales, zeros [R, G]}. */
    public void quantize(DeviceArray x, DeviceArray scales, DeviceArray zeros, DeviceArray out) {
        CpuArray cx = context.f32("quantize", "x", x);
        CpuArray co = context.array("quantize", "out", out, CODES);
        Checks.requireSameShape("quantize", "out", co, "x", cx);
        Groups g = groups("quantize", cx, scales, zeros);
        PackedCodes packing = new PackedCodes(co.dtype().bits());
        int maxCode = (1 << packing.bits()) - 1;
        float[] xs = cx.floats();
        byte[] codes = co.bytes();
        Arrays.fill(codes, (byte) 0);
        boolean rowsShareNoByte = (g.cols() * packing.bits()) % 8 == 0;
        int grain = rowsShareNoByte ? KernelContext.ROW_GRAIN : Integer.MAX_VALUE;
        context.parallel().forRows(g.rows(), g.cols(), grain, (from, to) -> g.forEachGroup(from,
                to, (start, end, scale, zero) -> {
                    for (int i = start; i < end; i++) {
                        packing.write(codes, i, code(xs[i], scale, zero, maxCode));
                    }
                }));
    }

    /** Writes {@code (q - zero) * scale} for the codes of {@code codes [R, C]}. */
    public void dequantize(DeviceArray codes, DeviceArray scales, DeviceArray zeros,
            DeviceArray out) {
        CpuArray cq = context.array("dequantize", "codes", codes, CODES);
        CpuArray co = context.f32("dequantize", "out", out);
        Checks.requireSameShape("dequantize", "out", co, "codes", cq);
        Groups g = groups("dequantize", cq, scales, zeros);
        PackedCodes packing = new PackedCodes(cq.dtype().bits());
        byte[] qs = cq.bytes();
        float[] os = co.floats();
        context.parallel().forRows(g.rows(), g.cols(), KernelContext.ROW_GRAIN, (from, to) ->
                g.forEachGroup(from, to, (start, end, scale, zero) -> {
                    for (int i = start; i < end; i++) {
                        os[i] = (packing.read(qs, i) - zero) * scale;
                    }
                }));
    }

    static int code(float x, float scale, float zero, int maxCode) {
        double q = scale == 0f ? Math.rint(zero) : Math.rint((double) x / scale + zero);
        return (int) Math.min(Math.max(q, 0.0), maxCode);
    }

    private Groups groups(String op, CpuArray values, DeviceArray scales, DeviceArray zeros) {
        CpuArray cs = context.f32(op, "scales", scales);
        CpuArray cz = context.f32(op, "zeros", zeros);
        Checks.requireRank(op, "values", values, 2);
        Checks.requireRank(op, "scales", cs, 2);
        int rows = Checks.dim(values, 0);
        int cols = Checks.dim(values, 1);
        int groups = Checks.dim(cs, 1);
        if (cs.shape().dim(0) != rows || groups == 0 || cols % groups != 0) {
            throw new TensorException(op, "scales " + cs.shape() + " for values " + values.shape()
                    + "; expected [" + rows + ", G] with G dividing " + cols);
        }
        Checks.requireShape(op, "zeros", cz, Shape.of(rows, groups), "the shape of scales");
        return new Groups(rows, cols, cols / groups, cs.floats(), cz.floats());
    }

    /** Row-major group parameters: group j of row r covers columns {@code [j * width, +width)}. */
    private record Groups(int rows, int cols, int width, float[] scales, float[] zeros) {
        /** Calls {@code body} for every group of rows {@code [from, to)}. */
        void forEachGroup(int from, int to, GroupBody body) {
            int groups = cols / width;
            for (int r = from; r < to; r++) {
                for (int j = 0; j < groups; j++) {
                    int start = r * cols + j * width;
                    body.run(start, start + width, scales[r * groups + j], zeros[r * groups + j]);
                }
            }
        }
    }

    /** Work on the elements {@code [start, end)} of one group. */
    @FunctionalInterface
    private interface GroupBody {
        void run(int start, int end, float scale, float zero);
    }
}
