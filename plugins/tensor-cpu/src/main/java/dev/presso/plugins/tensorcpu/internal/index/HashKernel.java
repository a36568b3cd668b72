package dev.presso.plugins.tensorcpu.internal.index;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;

/**
 * Hashed parameter sharing: expanding a shared vector into a dense matrix through
 * {@link HashSpec}, and accumulating a dense gradient back in element order. Each element's hash
 * is computed once and split into bucket and sign exactly as {@link HashSpec} defines them.
 */
public final class HashKernel {
    private final KernelContext context;

    /** Creates the kernel. */
    public HashKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes {@code out[k] = theta[spec.bucket(k, P)] * spec.sign(k)} for every element k. */
    public void hashGather(DeviceArray theta, HashSpec spec, DeviceArray out) {
        CpuArray ct = context.f32("hashGather", "theta", theta);
        CpuArray co = context.f32("hashGather", "out", out);
        Checks.requireRank("hashGather", "theta", ct, 1);
        Checks.requireMinRank("hashGather", "out", co, 1);
        Checks.requireNoAlias("hashGather", co, ct);
        int buckets = requireBuckets("hashGather", ct);
        float[] ts = ct.floats();
        float[] os = co.floats();
        context.parallel().forRange(co.size(), KernelContext.ROW_GRAIN, (from, to) -> {
            for (int k = from; k < to; k++) {
                long h = spec.hash(k);
                os[k] = ts[bucket(h, buckets)] * sign(h);
            }
        });
    }

    /** Adds {@code spec.sign(k) * source[k]} into {@code out[spec.bucket(k, P)]} in order of k. */
    public void hashScatterAdd(DeviceArray source, HashSpec spec, DeviceArray out) {
        CpuArray cs = context.f32("hashScatterAdd", "source", source);
        CpuArray co = context.f32("hashScatterAdd", "out", out);
        Checks.requireMinRank("hashScatterAdd", "source", cs, 1);
        Checks.requireRank("hashScatterAdd", "out", co, 1);
        Checks.requireNoAlias("hashScatterAdd", co, cs);
        int buckets = requireBuckets("hashScatterAdd", co);
        float[] ss = cs.floats();
        float[] os = co.floats();
        for (int k = 0, n = cs.size(); k < n; k++) {
            long h = spec.hash(k);
            os[bucket(h, buckets)] += sign(h) * ss[k];
        }
    }

    /** {@link HashSpec#bucket} from an already computed hash: h >>> 1 is never negative. */
    private static int bucket(long hash, int buckets) {
        return (int) ((hash >>> 1) % buckets);
    }

    /** {@link HashSpec#sign} from an already computed hash. */
    private static float sign(long hash) {
        return (hash & 1L) == 0 ? 1.0f : -1.0f;
    }

    private static int requireBuckets(String op, CpuArray shared) {
        if (shared.size() == 0) {
            throw new TensorException(op, "the shared vector "
                    + shared.shape() + " is empty; expected at least one bucket");
        }
        return shared.size();
    }
}
