/**
 * Tensors: dtypes, shapes, devices, the {@link dev.presso.kernel.tensor.TensorBackend} SPI a provider implements, and the {@link dev.presso.kernel.tensor.Tensor} front end with autodiff that methods use.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.presso.kernel.tensor;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
