/**
 * What every model format shares: the model-file error, strict JSON reading with file and field in
 * every message, dense linear layers as replaceable sites, causal masks, the key/value cache and
 * greedy decoding. Not API.
 */
@NullMarked
package dev.presso.host.internal.model;

import org.jspecify.annotations.NullMarked;
