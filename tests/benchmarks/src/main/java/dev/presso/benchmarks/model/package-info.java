/**
 * The model bench: real-model evaluation and generation on tensor-cpu next to numpy and llama2.c,
 * and the cost of opening a large safetensors checkpoint.
 */
@NullMarked
package dev.presso.benchmarks.model;

import org.jspecify.annotations.NullMarked;
