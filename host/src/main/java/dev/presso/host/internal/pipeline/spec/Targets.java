package dev.presso.host.internal.pipeline.spec;

import java.util.List;

/**
 * Which linear sites a stage acts on: those matching any include pattern and no exclude pattern.
 * When no include is written the default is every linear site of the decoder blocks (embeddings
 * and {@code lm_head} are not linear sites of a block).
 *
 * @param include the patterns that select sites
 * @param exclude the patterns that remove sites; an exclude always wins
 */
public record Targets(List<LayerPattern> include, List<LayerPattern> exclude) {
    /**
     * Copies the lists.
     *
     * @param include the includes
     * @param exclude the excludes
     */
    public Targets {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }
}
