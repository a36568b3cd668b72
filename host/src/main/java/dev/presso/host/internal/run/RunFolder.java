package dev.presso.host.internal.run;

import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The output folder of one run. Layout:
 * <pre>
 * pipeline.yaml           the pipeline file as run
 * run.json                pipeline name, its SHA-256, seed, model, provider
 * plugins.lock.json       the exact plugins used: id, version, SHA-256 of the jar
 * checkpoints/BRANCH/NN-STAGE/   per-stage checkpoints; done.json once the stage finished
 * results.json            the results, deterministic (no times)
 * report.json, report.html
 * export/VARIANT/         exported models
 * </pre>
 * Every file is written to a temporary name and renamed. A resumed run must use the same pipeline
 * bytes and the same plugin versions, so it reaches the result an uninterrupted run would.
 */
final class RunFolder {
    static final String RUN_FILE = "run.json";
    static final String LOCK_FILE = "plugins.lock.json";

    private final Path root;

    private RunFolder(Path root) {
        this.root = root;
    }

    /**
     * Description of a run, as run.json holds it.
     *
     * @param pipeline the pipeline name
     * @param pipelineSha256 the SHA-256 of the pipeline file's bytes
     * @param seed the seed
     * @param model the model directory
     * @param provider the tensor provider
     */
    record RunInfo(String pipeline, String pipelineSha256, long seed, String model, String provider) {}

    /**
     * One line of the plugin lock.
     *
     * @param id the plugin id
     * @param version its version
     * @param sha256 the jar's SHA-256
     */
    record LockedPlugin(String id, String version, String sha256) {
        static LockedPlugin of(InstalledPlugin plugin) {
            return new LockedPlugin(plugin.id(), plugin.version(), plugin.sha256());
        }
    }

    /**
     * Opens the folder for a new run or for resuming one.
     *
     * @param root the folder
     * @param info the run's description
     * @param pipelineBytes the pipeline file's bytes
     * @param plugins the plugins the run uses
     * @param resume whether to continue a run already in the folder
     * @return the folder
     * @throws PressoException if a new run would overwrite one, or a resumed run differs from the
     *     one in the folder; the message says what differs
     */
    static RunFolder open(Path root, RunInfo info, byte[] pipelineBytes, List<InstalledPlugin> plugins,
            boolean resume) {
        RunFolder folder = new RunFolder(root);
        Path runFile = root.resolve(RUN_FILE);
        List<LockedPlugin> lock = plugins.stream().map(LockedPlugin::of).toList();
        if (resume) {
            if (!Files.exists(runFile)) {
                throw new PressoException(root + ": there is no run to resume here (no " + RUN_FILE
                        + "); run without --resume to start one");
            }
            folder.checkSameRun(info, lock);
            AtomicFiles.deleteLeftovers(root);
        } else if (Files.exists(runFile)) {
            throw new PressoException(root + " already holds a run; continue it with --resume, or choose another"
                    + " folder with --out");
        } else {
            AtomicFiles.writeBytes(root.resolve("pipeline.yaml"), pipelineBytes);
            AtomicFiles.writeJson(root.resolve(LOCK_FILE), lock);
            AtomicFiles.writeJson(runFile, info);
        }
        return folder;
    }

    private void checkSameRun(RunInfo info, List<LockedPlugin> lock) {
        RunInfo before = CanonicalJson.read(root.resolve(RUN_FILE), RunInfo.class);
        if (!before.pipelineSha256().equals(info.pipelineSha256())) {
            throw new PressoException(root + ": the pipeline file changed since this run started (SHA-256 "
                    + before.pipelineSha256().substring(0, 12) + " then, " + info.pipelineSha256().substring(0, 12)
                    + " now); a resumed run must use the same pipeline, so start a new run with another --out");
        }
        if (!before.equals(info)) {
            throw new PressoException(root + ": the run was started with " + before + ", now " + info
                    + "; resume it with the same model and provider");
        }
        List<LockedPlugin> locked = List.of(CanonicalJson.read(root.resolve(LOCK_FILE), LockedPlugin[].class));
        if (!locked.equals(lock)) {
            throw new PressoException(root + ": the plugins differ from the ones the run started with (locked "
                    + describe(locked) + ", installed " + describe(lock) + "); reinstall the locked versions or"
                    + " start a new run with another --out");
        }
    }

    private static String describe(List<LockedPlugin> lock) {
        return lock.stream().map(p -> p.id() + " " + p.version()).toList().toString();
    }

    Path root() {
        return root;
    }

    /**
     * Returns the checkpoint folder of a stage, creating it.
     *
     * @param branch {@code shared} or a variant name
     * @param index the stage's position in its branch, from 1
     * @param stage the stage name
     * @return the folder
     */
    Path stageFolder(String branch, int index, String stage) {
        Path folder = root.resolve("checkpoints").resolve(safe(branch))
                .resolve(String.format(Locale.ROOT, "%02d-%s", index, safe(stage)));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        return folder;
    }

    static boolean isDone(Path stageFolder) {
        return Files.exists(stageFolder.resolve("done.json"));
    }

    static void markDone(Path stageFolder, Map<String, Object> summary) {
        AtomicFiles.writeJson(stageFolder.resolve("done.json"), summary);
    }

    Path exportFolder(String variant) {
        return root.resolve("export").resolve(safe(variant));
    }

    Path file(String name) {
        return root.resolve(name);
    }

    private static String safe(String name) {
        Objects.requireNonNull(name);
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
