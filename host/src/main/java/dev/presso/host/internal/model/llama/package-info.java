/**
 * The LLaMA family (Llama 2 and 3, Mistral, Qwen2, TinyLlama, SmolLM) from a Hugging Face
 * directory: its configuration, its weights checked against it, and its forward pass on the tensor
 * front end, teacher-forced or with a key/value cache, differentiable throughout. Not API.
 */
@NullMarked
package dev.presso.host.internal.model.llama;

import org.jspecify.annotations.NullMarked;
