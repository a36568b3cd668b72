package dev.presso.plugins.evopress.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The search's state after a generation: the parent, its fitness, how many generations are done,
 * and a digest of the problem, seed and settings it belongs to. The random numbers need no saving:
 * generation {@code g} draws from a generator seeded by the run's seed and {@code g}, so a resumed
 * search continues the same trajectory.
 *
 * @param digest the problem's, seed's and settings' digest
 * @param generation generations completed (0 = just the starting allocation)
 * @param fitness the parent's last-stage fitness, NaN when it was never scored
 * @param levels the parent's levels
 */
record SearchCheckpoint(long digest, int generation, double fitness, int[] levels) {
    /** The checkpoint's name within the stage. */
    static final String NAME = "evopress-state";
    private static final int MAGIC = 0x45564f50; // "EVOP"
    private static final int FORMAT = 1;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(digest);
            out.writeInt(generation);
            out.writeDouble(fitness);
            out.writeInt(levels.length);
            for (int level : levels) {
                out.writeInt(level);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a checkpoint.
     *
     * @param data the saved bytes
     * @return the checkpoint, or empty when the bytes are not a checkpoint of this format
     */
    static Optional<SearchCheckpoint> decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                return Optional.empty();
            }
            long digest = in.readLong();
            int generation = in.readInt();
            double fitness = in.readDouble();
            int units = in.readInt();
            if (units < 0 || units > data.length / Integer.BYTES) {
                return Optional.empty();
            }
            int[] levels = new int[units];
            for (int u = 0; u < units; u++) {
                levels[u] = in.readInt();
            }
            return in.available() == 0 ? Optional.of(new SearchCheckpoint(digest, generation, fitness, levels))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
