package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one read. Readers of an element take a {@link #mark()} first and ask
 * {@link #blockingSince} afterwards, so an element whose value could not be read is left out of
 * the partial spec, while one with only an unknown or duplicate key is kept.
 */
final class Problems {
    /** Problems that leave the value that was read intact. */
    private static final Set<ProblemCode> NON_BLOCKING = Set.of(ProblemCode.UNKNOWN_KEY, ProblemCode.DUPLICATE_KEY);

    private final List<Diagnostic> found = new ArrayList<>();

    /**
     * Records a problem.
     *
     * @param code the code
     * @param where the location
     * @param message what is wrong
     * @param hint how to fix it
     */
    void add(ProblemCode code, Location where, String message, String hint) {
        found.add(new Diagnostic(code, where, message, hint));
    }

    /**
     * Records a problem.
     *
     * @param diagnostic the problem
     */
    void add(Diagnostic diagnostic) {
        found.add(diagnostic);
    }

    /** Returns a position to compare with later. @return the number of problems so far */
    int mark() {
        return found.size();
    }

    /**
     * Tells whether a problem that spoils a value was found since a mark.
     *
     * @param mark from {@link #mark()}
     * @return whether any problem since is neither an unknown nor a duplicate key
     */
    boolean blockingSince(int mark) {
        return found.subList(mark, found.size()).stream().anyMatch(d -> !NON_BLOCKING.contains(d.code()));
    }

    /** Returns every problem in the order found. @return the problems */
    List<Diagnostic> all() {
        return List.copyOf(found);
    }
}
