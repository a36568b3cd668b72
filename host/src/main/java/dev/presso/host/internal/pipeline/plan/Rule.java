package dev.presso.host.internal.pipeline.plan;

import dev.presso.host.internal.pipeline.spec.Location;
import java.util.Optional;

/**
 * The rule that decided what a stage does to one site.
 *
 * @param kind which kind of rule
 * @param index the 1-based position of the override or exclude among its stage's, 0 for other kinds
 * @param where where the deciding override or exclude was written; empty for other kinds
 */
public record Rule(Kind kind, int index, Optional<Location> where) {
    /** The kinds of rule. */
    public enum Kind {
        /** The stage's own level applies. */
        DEFAULT,
        /** An override's level applies. */
        OVERRIDE,
        /** An override leaves the site dense. */
        SKIPPED,
        /** An exclude pattern removes the site from the stage. */
        EXCLUDED,
        /** No target pattern selects the site. */
        NOT_TARGETED,
        /** A search stage's strategy chooses the level when it runs. */
        SEARCHED,
        /** A database stage builds every level of its ladder for the site, leaving the model as it is. */
        DATABASE
    }

    /** The stage's level applies. */
    public static final Rule DEFAULT = new Rule(Kind.DEFAULT, 0, Optional.empty());
    /** No target selects the site. */
    public static final Rule NOT_TARGETED = new Rule(Kind.NOT_TARGETED, 0, Optional.empty());
    /** The search decides. */
    public static final Rule SEARCHED = new Rule(Kind.SEARCHED, 0, Optional.empty());
    /** The site is a unit (or the output of a unit) of a database. */
    public static final Rule DATABASE = new Rule(Kind.DATABASE, 0, Optional.empty());

    /**
     * Returns the rule of an override or exclude.
     *
     * @param kind {@link Kind#OVERRIDE}, {@link Kind#SKIPPED} or {@link Kind#EXCLUDED}
     * @param index the 1-based position among the stage's overrides or excludes
     * @param where where it was written
     * @return the rule
     */
    public static Rule of(Kind kind, int index, Location where) {
        return new Rule(kind, index, Optional.of(where));
    }

    /** Tells whether the stage compresses the site. @return {@code true} for default, override or searched */
    public boolean compresses() {
        return kind == Kind.DEFAULT || kind == Kind.OVERRIDE || kind == Kind.SEARCHED;
    }

    /**
     * Describes the rule for the plan table.
     *
     * @return such as {@code default}, {@code override #2 (line 31)} or {@code skipped by override #1 (line 30)}
     */
    public String describe() {
        String line = where.map(w -> " (line " + w.line() + ")").orElse("");
        return switch (kind) {
            case DEFAULT -> "default";
            case OVERRIDE -> "override #" + index + line;
            case SKIPPED -> "skipped by override #" + index + line;
            case EXCLUDED -> "excluded by exclude #" + index + line;
            case NOT_TARGETED -> "not targeted";
            case SEARCHED -> "searched";
            case DATABASE -> "database unit";
        };
    }
}
