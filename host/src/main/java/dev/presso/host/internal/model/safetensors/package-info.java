/**
 * The safetensors format: memory-mapped files whose header is validated before any tensor byte is
 * read, sharded checkpoints with their index, and uploads of F32, F16 and BF16 tensors to a
 * backend. Not API.
 */
@NullMarked
package dev.presso.host.internal.model.safetensors;

import org.jspecify.annotations.NullMarked;
