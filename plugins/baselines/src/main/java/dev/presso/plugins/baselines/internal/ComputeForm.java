package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.tensor.Tensor;
import java.util.List;

/**
 * What a decoded payload computes with: a dense F32 matrix or two F32 low-rank factors. Every
 * tensor is decoded from the payload, so an operator restored from it computes the same outputs.
 */
public sealed interface ComputeForm {
    /**
     * Applies the map to the last axis.
     *
     * @param input activations {@code [..., in]}
     * @return outputs {@code [..., out]}
     */
    Tensor apply(Tensor input);

    /**
     * Returns the dense weight {@code [out, in]} the form represents.
     *
     * @return the weight
     */
    Tensor denseWeight();

    /**
     * Returns the tensors the form holds, to be kept alive with the operator.
     *
     * @return the tensors
     */
    List<Tensor> tensors();

    /**
     * A dense weight; {@code y = x W^T}.
     *
     * @param weight the F32 weight {@code [out, in]}
     */
    record Dense(Tensor weight) implements ComputeForm {
        @Override
        public Tensor apply(Tensor input) {
            return input.matmul(weight, false, true);
        }

        @Override
        public Tensor denseWeight() {
            return weight;
        }

        @Override
        public List<Tensor> tensors() {
            return List.of(weight);
        }
    }

    /**
     * Low-rank factors {@code W = A B}; {@code y = (x B^T) A^T}.
     *
     * @param a the F32 left factor {@code [out, r]}
     * @param b the F32 right factor {@code [r, in]}
     */
    record LowRank(Tensor a, Tensor b) implements ComputeForm {
        @Override
        public Tensor apply(Tensor input) {
            return input.matmul(b, false, true).matmul(a, false, true);
        }

        @Override
        public Tensor denseWeight() {
            return a.matmul(b);
        }

        @Override
        public List<Tensor> tensors() {
            return List.of(a, b);
        }
    }
}
