package dev.presso.host.internal.run;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;

/** Finds the level a pipeline names: by name, or by value when the text is a number. */
final class Levels {
    private Levels() {}

    static Level find(CompressionMethod method, String text) {
        for (Level level : method.levels()) {
            if (level.name().equals(text)) {
                return level;
            }
        }
        try {
            double value = Double.parseDouble(text);
            for (Level level : method.levels()) {
                if (Math.abs(level.value() - value) < 1e-9) {
                    return level;
                }
            }
        } catch (NumberFormatException e) {
            // Not a number: fall through to the error naming the levels.
        }
        throw new PressoException("method " + method.id() + " has no level '" + text + "'; it offers "
                + method.levels().stream().map(l -> l.name() + " (" + l.value() + ")").toList());
    }
}
