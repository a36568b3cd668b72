package dev.presso.host.internal.run;

import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.io.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished level database as {@value #FILE} holds it (examples/pipelines/README.md, "Level
 * databases"): the provenance and its digest, and per unit its group, parameters, sites and
 * levels, each level with its exact cost, its layer-wise error and its zero count. The operators
 * are payload files next to it, {@code levels/UNIT@LEVEL.safetensors}, except for depth
 * databases, whose dropped level is a zero operator.
 *
 * @param format the file format, {@value #FORMAT}
 * @param digest the SHA-256 of the canonical JSON of the provenance
 * @param provenance what the database was built from
 * @param units the units, in model order
 */
record LevelDatabase(int format, String digest, Provenance provenance, List<Unit> units) {
    /** The file in the database folder. */
    static final String FILE = "database.json";
    /** The folder of the payload files. */
    static final String LEVELS = "levels";
    /** The current format. */
    static final int FORMAT = 1;
    /** The kind of a depth database. */
    static final String DEPTH = "depth";

    /** Copies the units. */
    LevelDatabase {
        units = List.copyOf(units);
    }

    /**
     * What a database was built from; two builds with equal provenance give the same database.
     *
     * @param kind {@code levels}, {@code sparsity} or {@value #DEPTH}
     * @param ladder the ladder's settings as written, canonical
     * @param method the method id, empty for depth
     * @param plugin the plugin providing the method and its version, such as {@code obs 0.1.0}, empty for depth
     * @param settings the method's settings
     * @param model the SHA-256 of the units' dense weights
     * @param calibration the SHA-256 of the units' calibration Gram matrices and row counts, empty for depth
     * @param units the unit names, in order
     */
    record Provenance(String kind, Map<String, Object> ladder, String method, String plugin,
            Map<String, String> settings, String model, String calibration, List<String> units) {
        /** Copies the collections. */
        Provenance {
            ladder = Map.copyOf(ladder);
            settings = Map.copyOf(settings);
            units = List.copyOf(units);
        }

        /** Returns the digest of this provenance. @return lower-case hex SHA-256 */
        String digest() {
            return Digests.sha256(CanonicalJson.toJson(this));
        }

        /**
         * Names the first part in which another provenance differs from this one.
         *
         * @param other the other provenance
         * @return such as {@code calibration digest (abc… here, def… there)}, empty when equal
         */
        Optional<String> difference(Provenance other) {
            List<String[]> parts = List.of(
                    new String[] {"kind", kind, other.kind},
                    new String[] {"ladder", CanonicalJson.toJson(ladder), CanonicalJson.toJson(other.ladder)},
                    new String[] {"method", method, other.method},
                    new String[] {"method plugin", plugin, other.plugin},
                    new String[] {"method settings", CanonicalJson.toJson(settings),
                            CanonicalJson.toJson(other.settings)},
                    new String[] {"units", String.join(",", units), String.join(",", other.units)},
                    new String[] {"model digest", model, other.model},
                    new String[] {"calibration digest", calibration, other.calibration});
            return parts.stream().filter(p -> !p[1].equals(p[2])).findFirst()
                    .map(p -> p[0] + " (" + shorten(p[1]) + " here, " + shorten(p[2]) + " there)");
        }

        private static String shorten(String text) {
            String flat = text.replaceAll("\\s+", " ");
            return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
        }
    }

    /**
     * One unit.
     *
     * @param name the unit's name: a site, or a sub-block such as {@code model.layers.0.self_attn}
     * @param group the unit's group
     * @param parameters the original parameter count of its sites
     * @param sites the sites a level replaces: the unit's site, or a sub-block's output projection
     * @param levels its levels, least compressed first
     */
    record Unit(String name, String group, long parameters, List<String> sites, List<Entry> levels) {
        /** Copies the lists. */
        Unit {
            sites = List.copyOf(sites);
            levels = List.copyOf(levels);
        }
    }

    /**
     * One level of one unit.
     *
     * @param name the level's name, such as {@code 4bit} or {@code sparsity-4915}
     * @param value the level's value
     * @param costBits its exact storage cost
     * @param error its layer-wise error (normalised output error on calibration activations)
     * @param zeros how many weights of the unit's replaced sites are exactly zero at this level
     */
    record Entry(String name, double value, long costBits, double error, long zeros) {}

    /**
     * Reads a database folder's {@value #FILE}.
     *
     * @param folder the folder
     * @return the database, empty when the folder holds none
     */
    static Optional<LevelDatabase> read(Path folder) {
        Path file = folder.resolve(FILE);
        return Files.isRegularFile(file) ? Optional.of(CanonicalJson.read(file, LevelDatabase.class))
                : Optional.empty();
    }

    /**
     * Writes {@value #FILE} into a folder, atomically; written last, it marks the database complete.
     *
     * @param folder the folder
     */
    void write(Path folder) {
        AtomicFiles.writeJson(folder.resolve(FILE), this);
    }

    /**
     * Returns the payload file of a unit's level.
     *
     * @param folder the database folder
     * @param unit the unit name
     * @param level the level name
     * @return {@code levels/UNIT@LEVEL.safetensors}
     */
    static Path payload(Path folder, String unit, String level) {
        return folder.resolve(LEVELS).resolve(unit + "@" + level + ".safetensors");
    }

    /** Returns whether this is a depth database. @return whether its kind is {@value #DEPTH} */
    boolean holdsDepth() {
        return provenance.kind().equals(DEPTH);
    }
}
