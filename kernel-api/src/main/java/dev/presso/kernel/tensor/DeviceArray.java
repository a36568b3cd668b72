package dev.presso.kernel.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A provider's tensor storage: a dense, contiguous, row-major array of one {@link DType} with a
 * {@link Shape}, on one backend's {@link Device}.
 *
 * <p>Arrays are created by a {@link TensorBackend} and may only be passed back to the backend
 * that created them; a backend refuses foreign arrays with a {@link TensorException}. An array
 * owns native or device memory: whoever creates it closes it. {@link ArrayStorage#view views}
 * share their base's storage, which is released when the base and every view are closed.
 * Using a closed array is an error that the backend reports, never undefined behaviour.
 *
 * <p>Arrays are not thread-safe: one thread at a time may write an array.
 *
 * @since 1.0
 */
@ConsumerType
public interface DeviceArray extends AutoCloseable {
    /**
     * Returns the element type.
     *
     * @return the dtype, never {@code null}
     */
    DType dtype();

    /**
     * Returns the dimensions.
     *
     * @return the shape, never {@code null}
     */
    Shape shape();

    /**
     * Returns the device that holds the storage.
     *
     * @return the device, never {@code null}
     */
    Device device();

    /**
     * Returns whether {@link #close()} has been called.
     *
     * @return {@code true} once closed
     */
    boolean isClosed();

    /**
     * Returns the storage size in bytes.
     *
     * @return {@code dtype().bytesFor(shape().size())}
     */
    default long byteSize() {
        return dtype().bytesFor(shape().size());
    }

    /**
     * Releases this array's reference to its storage; idempotent.
     */
    @Override
    void close();
}
