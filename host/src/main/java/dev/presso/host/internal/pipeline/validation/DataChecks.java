package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.data.DataFormat;
import dev.presso.host.internal.pipeline.spec.DataSource;
import dev.presso.host.internal.pipeline.spec.DataSpec;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks that the data files exist and that their format is known. */
final class DataChecks {
    private DataChecks() {}

    /**
     * Checks the data sets.
     *
     * @param data the data sets
     * @return a problem per missing file or unknown format
     */
    static Seq<Diagnostic> check(DataSpec data) {
        return Vector.ofAll(Stream.of(data.calibration(), data.evaluation())
                .flatMap(source -> source.flatMap(DataChecks::check).stream()).toList());
    }

    private static Optional<Diagnostic> check(DataSource source) {
        if (source.isDefault()) {
            return Optional.empty();
        }
        Path path = source.path();
        if (!Files.isRegularFile(path)) {
            return Optional.of(new Diagnostic(ProblemCode.DATA_FILE_MISSING, source.where(), "data file "
                    + path + (Files.exists(path) ? " is not a regular file" : " does not exist"),
                    "paths are relative to the pipeline file's folder"));
        }
        if (source.format().equals("auto") && DataFormat.detect(path).isEmpty()) {
            return Optional.of(new Diagnostic(ProblemCode.INVALID_VALUE, source.where(), "cannot tell the format of "
                    + path.getFileName() + " from its extension; known: " + DataFormat.knownExtensions(),
                    "add format: json, int32 or text"));
        }
        return Optional.empty();
    }
}
