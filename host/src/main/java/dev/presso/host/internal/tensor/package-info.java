/**
 * The tensor front end: {@link dev.presso.kernel.tensor.Tensor} over any
 * {@link dev.presso.kernel.tensor.TensorBackend}, scopes, and reverse-mode autodiff whose
 * gradient rules are written with backend kernels. Not API.
 */
@NullMarked
package dev.presso.host.internal.tensor;

import org.jspecify.annotations.NullMarked;
