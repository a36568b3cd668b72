package dev.presso.host.internal.run;

import dev.presso.host.internal.pipeline.plan.Levels;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;

/** Finds the level a pipeline names with the same rules the validator checked it with. */
final class MethodLevels {
    private MethodLevels() {}

    static Level find(CompressionMethod method, LevelRef ref) {
        return Levels.find(ref, method.levels()).orElseThrow(() -> new PressoException(ref.where() + ": method "
                + method.id() + " has no level '" + ref.text() + "'; it offers " + Levels.describe(method.levels())));
    }
}
