package dev.presso.host.internal.run;

import dev.presso.host.internal.pipeline.plan.Levels;
import dev.presso.host.internal.pipeline.spec.Ladder;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The levels a method ladder gives one unit: the method's named levels in the method's order
 * (least compressed first), or the equal-step sparsity levels {@code sparsity-Z} with value
 * {@code Z / n} that remove exactly {@code Z} of the unit's {@code n} weights.
 */
final class DatabaseLadder {
    private DatabaseLadder() {}

    /**
     * Returns a unit's levels.
     *
     * @param ladder the ladder, not a depth ladder
     * @param method the method
     * @param weights the unit's weight count
     * @param place where, for messages
     * @return the levels, least compressed first
     */
    static List<Level> levels(Ladder ladder, CompressionMethod method, long weights, String place) {
        return switch (ladder) {
            case Ladder.Named named -> named(named, method, place);
            case Ladder.Sparsity sparsity -> {
                List<Level> levels = new ArrayList<>();
                for (int i = 0; i < sparsity.levelCount(); i++) {
                    long zeros = sparsity.zeros(weights, i);
                    levels.add(new Level("sparsity-" + zeros, (double) zeros / weights));
                }
                yield levels;
            }
            case Ladder.Depth depth -> throw new IllegalArgumentException("a depth ladder has no method levels");
        };
    }

    /**
     * Returns how many zeros a level of a sparsity ladder must leave, if the ladder is one.
     *
     * @param ladder the ladder
     * @param weights the unit's weight count
     * @param level the level index
     * @return the exact zero count, empty for other ladders
     */
    static OptionalLong requiredZeros(Ladder ladder, long weights, int level) {
        return ladder instanceof Ladder.Sparsity sparsity ? OptionalLong.of(sparsity.zeros(weights, level))
                : OptionalLong.empty();
    }

    /**
     * Describes a ladder's settings for the provenance.
     *
     * @param ladder the ladder
     * @return the settings by name
     */
    static Map<String, Object> describe(Ladder ladder) {
        Map<String, Object> settings = new LinkedHashMap<>();
        switch (ladder) {
            case Ladder.Named named -> settings.put("levels", named.levels().stream().map(LevelRef::text).toList());
            case Ladder.Sparsity sparsity -> {
                settings.put("target", sparsity.target());
                settings.put("steps", sparsity.steps());
                settings.put("weights-per-step", sparsity.weightsPerStep());
            }
            case Ladder.Depth depth -> {
                settings.put(Ladder.Depth.ATTENTION, depth.attention());
                settings.put(Ladder.Depth.MLP, depth.mlp());
            }
        }
        return settings;
    }

    private static List<Level> named(Ladder.Named ladder, CompressionMethod method, String place) {
        List<Level> offered = method.levels();
        List<Level> chosen = new ArrayList<>();
        for (LevelRef ref : ladder.levels()) {
            Level level = Levels.find(ref, offered).orElseThrow(() -> new PressoException(place + ": method "
                    + method.id() + " has no level '" + ref.text() + "'; it offers " + Levels.describe(offered)));
            if (!chosen.contains(level)) {
                chosen.add(level);
            }
        }
        return offered.stream().filter(chosen::contains).toList();
    }
}
