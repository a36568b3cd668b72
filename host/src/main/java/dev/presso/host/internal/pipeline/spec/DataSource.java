package dev.presso.host.internal.pipeline.spec;

import java.nio.file.Path;

/**
 * A token data set: a JSON list of id lists, raw little-endian int32 ids, or text tokenized with
 * the model's tokenizer (one document per blank-line-separated paragraph).
 *
 * @param path the file, resolved against the pipeline file's folder
 * @param format {@code auto}, {@code json}, {@code int32} or {@code text}
 * @param sequenceLength the longest sequence fed to the model; longer documents are cut
 * @param maxSequences how many sequences to use at most, 0 for all
 * @param where where the data set was declared
 */
public record DataSource(Path path, String format, int sequenceLength, int maxSequences, Location where) {}
