package dev.presso.host.internal.model.safetensors;

import dev.presso.host.internal.model.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The safetensors weights of a Hugging Face model directory: {@code model.safetensors}, or the
 * shards listed by {@code model.safetensors.index.json}, as one name-to-tensor view.
 *
 * <p>Like Hugging Face, a single {@code model.safetensors} is preferred when both exist. Opening a
 * sharded checkpoint checks that every shard exists and that the index and the shards agree tensor
 * for tensor. Closing releases every mapping.
 */
public final class Checkpoint implements AutoCloseable {
    /** The single-file checkpoint's name. */
    public static final String SINGLE_FILE = "model.safetensors";

    private final List<SafetensorsFile> files;
    private final Map<String, Located> tensors;

    private record Located(SafetensorsFile file, TensorEntry entry) {}

    private Checkpoint(List<SafetensorsFile> files, Map<String, Located> tensors) {
        this.files = files;
        this.tensors = tensors;
    }

    /**
     * Opens the checkpoint of a model directory.
     *
     * @param directory the model directory
     * @return the checkpoint, owned by the caller
     * @throws ModelFormatException if there is no checkpoint, or a file is malformed, missing or
     *     disagrees with the index
     */
    public static Checkpoint open(Path directory) {
        Path single = directory.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            Map<String, Located> tensors = new TreeMap<>();
            file.tensors().values().forEach(e -> tensors.put(e.name(), new Located(file, e)));
            return new Checkpoint(List.of(file), tensors);
        }
        Path index = directory.resolve(ShardIndex.FILE_NAME);
        if (Files.isRegularFile(index)) {
            return sharded(ShardIndex.read(index));
        }
        throw new ModelFormatException(directory + ": no " + SINGLE_FILE + " and no " + ShardIndex.FILE_NAME
                + "; expected a Hugging Face model directory with safetensors weights");
    }

    private static Checkpoint sharded(ShardIndex index) {
        Path directory = index.file().toAbsolutePath().getParent();
        Map<String, List<String>> byShard = new LinkedHashMap<>();
        index.shardOf().forEach((tensor, shard) -> byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(tensor));
        for (Map.Entry<String, List<String>> shard : byShard.entrySet()) {
            if (!Files.isRegularFile(directory.resolve(shard.getKey()))) {
                throw new ModelFormatException(index.file() + ": tensor '" + shard.getValue().getFirst()
                        + "' (and " + (shard.getValue().size() - 1) + " more) is in shard '" + shard.getKey()
                        + "', which does not exist in " + directory + "; expected every shard the index names");
            }
        }
        List<SafetensorsFile> files = new ArrayList<>();
        try {
            Map<String, Located> tensors = new TreeMap<>();
            for (Map.Entry<String, List<String>> shard : byShard.entrySet()) {
                SafetensorsFile file = SafetensorsFile.open(directory.resolve(shard.getKey()));
                files.add(file);
                for (String name : shard.getValue()) {
                    TensorEntry entry = file.find(name).orElseThrow(() -> new ModelFormatException(index.file()
                            + ": tensor '" + name + "' is listed in shard '" + shard.getKey()
                            + "', but that file has no such tensor"));
                    tensors.put(name, new Located(file, entry));
                }
                for (String name : file.tensors().keySet()) {
                    if (!shard.getKey().equals(index.shardOf().get(name))) {
                        throw new ModelFormatException(file.path() + ": holds tensor '" + name
                                + "', which " + ShardIndex.FILE_NAME + " "
                                + (index.shardOf().containsKey(name)
                                        ? "places in shard '" + index.shardOf().get(name) + "'"
                                        : "does not list")
                                + "; expected the index and the shards to agree");
                    }
                }
            }
            return new Checkpoint(List.copyOf(files), tensors);
        } catch (RuntimeException e) {
            files.forEach(SafetensorsFile::close);
            throw e;
        }
    }

    /** Returns every tensor name, sorted. @return the names */
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    /**
     * Returns whether the checkpoint holds a tensor.
     *
     * @param name the tensor's name
     * @return whether it is present
     */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /**
     * Returns a tensor's header entry.
     *
     * @param name the name of a tensor of this checkpoint
     * @return the entry
     */
    public TensorEntry entry(String name) {
        return locate(name).entry();
    }

    /**
     * Returns the file holding a tensor, for messages.
     *
     * @param name the name of a tensor of this checkpoint
     * @return the file
     */
    public Path fileOf(String name) {
        return locate(name).file().path();
    }

    /**
     * Returns a tensor's bytes inside the mapping, valid until this checkpoint is closed.
     *
     * @param name the name of a tensor of this checkpoint
     * @return the read-only bytes
     */
    public MemorySegment bytes(String name) {
        Located located = locate(name);
        return located.file().bytes(located.entry());
    }

    private Located locate(String name) {
        Located located = tensors.get(name);
        if (located == null) {
            throw new ModelFormatException("the checkpoint has no tensor '" + name + "'");
        }
        return located;
    }

    /** Releases every mapping; idempotent. */
    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
