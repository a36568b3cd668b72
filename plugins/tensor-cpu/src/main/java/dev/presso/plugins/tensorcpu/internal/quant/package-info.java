/**
 * Dtype conversion and group-wise quantization into packed codes.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.quant;

import org.jspecify.annotations.NullMarked;
