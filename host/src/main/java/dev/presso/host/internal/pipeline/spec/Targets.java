package dev.presso.host.internal.pipeline.spec;

import java.util.List;

/**
 * Which linear sites a stage acts on: those matching any include pattern and no exclude pattern.
 * When no include is written the default is {@link #DEFAULT_INCLUDE}, every linear site of the
 * decoder blocks ({@code lm_head} is a linear site but not one of a block).
 *
 * @param include the patterns that select sites; empty for the default
 * @param exclude the patterns that remove sites; an exclude always wins
 */
public record Targets(List<LayerPattern> include, List<LayerPattern> exclude) {
    /** The include pattern used when none is written. */
    public static final String DEFAULT_INCLUDE = "model.layers.**";

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

    /**
     * Tells whether the include patterns select a site, before excludes.
     *
     * @param site the site name
     * @return whether an include (or the default) matches
     */
    public boolean includes(String site) {
        return include.isEmpty() ? LayerPattern.matchesGlob(DEFAULT_INCLUDE, site)
                : include.stream().anyMatch(p -> p.matches(site));
    }
}
