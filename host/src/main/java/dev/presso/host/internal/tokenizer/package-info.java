/**
 * Hugging Face tokenizers: {@code tokenizer.json} through the Rust {@code tokenizers} library (DJL's
 * binding, run offline), with special tokens from the model directory's configuration. Not API.
 */
@NullMarked
package dev.presso.host.internal.tokenizer;

import org.jspecify.annotations.NullMarked;
