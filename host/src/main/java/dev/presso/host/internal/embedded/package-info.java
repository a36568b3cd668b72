/**
 * The embedded default model: a small LLaMA that Presso trains itself, on a corpus of short stories
 * it generates, so that a pipeline can run on a fresh machine without downloading anything. The
 * corpus, the word-level tokenizer, the initial weights and the training are deterministic for a
 * seed; the trained model is cached as a Hugging Face directory. Not API.
 */
@NullMarked
package dev.presso.host.internal.embedded;

import org.jspecify.annotations.NullMarked;
