package dev.presso.host.internal.run;

import dev.presso.host.internal.calibration.CalibrationData;
import dev.presso.host.internal.data.DataFormat;
import dev.presso.host.internal.data.TokenDataFiles;
import dev.presso.host.internal.embedded.EmbeddedModel;
import dev.presso.host.internal.pipeline.spec.DataSource;
import dev.presso.host.internal.pipeline.spec.DataSpec;
import dev.presso.host.internal.tokenizer.TokenizerLoader;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.model.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The run's data sets, read once: calibration sequences cut to the declared length (a document's
 * remainder kept as a shorter sequence, methods.md §1.1), and evaluation sequences as read.
 */
final class RunData {
    private static final int CALIBRATION_BATCH = 8;

    private final Optional<List<int[]>> calibration;
    private final Optional<EvaluationData> evaluation;
    private final int evaluationLength;

    private RunData(Optional<List<int[]>> calibration, Optional<EvaluationData> evaluation, int evaluationLength) {
        this.calibration = calibration;
        this.evaluation = evaluation;
        this.evaluationLength = evaluationLength;
    }

    static RunData read(DataSpec spec, Path modelDirectory) {
        Optional<List<int[]>> calibration = spec.calibration().map(source -> cut(read(source,
                EmbeddedModel.at(modelDirectory).calibrationText(), modelDirectory), source));
        Optional<EvaluationData> evaluation = spec.evaluation().map(source -> {
            EvaluationData data = read(source, EmbeddedModel.at(modelDirectory).evaluationText(), modelDirectory);
            return source.maxSequences() > 0 && data.sequenceCount() > source.maxSequences()
                    ? EvaluationData.of(data.source(), first(data, source.maxSequences())) : data;
        });
        return new RunData(calibration, evaluation,
                spec.evaluation().map(DataSource::sequenceLength).orElse(0));
    }

    /** Returns the calibration batches. @throws PressoException when the pipeline declares none */
    CalibrationData calibration(String place) {
        return new CalibrationData(calibrationSequences(place), CALIBRATION_BATCH);
    }

    List<int[]> calibrationSequences(String place) {
        return calibration.orElseThrow(() -> new PressoException(place + " needs calibration data; add"
                + " data.calibration to the pipeline"));
    }

    EvaluationData evaluation(String place) {
        return evaluation.orElseThrow(() -> new PressoException(place + " needs evaluation data; add"
                + " data.evaluation to the pipeline"));
    }

    /** Returns the longest window an evaluator reads, 0 for whole sequences. */
    int evaluationLength() {
        return evaluationLength;
    }

    /** Reads a data set; {@code default} means the embedded model's own file of that kind. */
    private static EvaluationData read(DataSource source, Path defaultFile, Path modelDirectory) {
        Path file = source.isDefault() ? defaultFile : source.path();
        Optional<DataFormat> format = source.format().equals("auto") ? Optional.empty()
                : Optional.of(DataFormat.valueOf(source.format().toUpperCase(Locale.ROOT)));
        TokenDataFiles.Options options = new TokenDataFiles.Options(format, OptionalInt.empty(),
                TokenDataFiles.Options.defaults().separator(), true);
        Tokenizer[] tokenizer = new Tokenizer[1];
        try {
            return TokenDataFiles.read(file, options,
                    () -> tokenizer[0] = TokenizerLoader.load(modelDirectory));
        } finally {
            if (tokenizer[0] != null) {
                tokenizer[0].close();
            }
        }
    }

    private static List<int[]> cut(EvaluationData data, DataSource source) {
        int length = source.sequenceLength() > 0 ? source.sequenceLength() : Integer.MAX_VALUE;
        List<int[]> pieces = new ArrayList<>();
        for (int i = 0; i < data.sequenceCount(); i++) {
            int[] ids = data.sequence(i);
            for (int start = 0; start < ids.length - 1; start = (int) Math.min(ids.length, (long) start + length)) {
                pieces.add(java.util.Arrays.copyOfRange(ids, start, (int) Math.min(ids.length, (long) start + length)));
                if (source.maxSequences() > 0 && pieces.size() == source.maxSequences()) {
                    return pieces;
                }
            }
        }
        if (pieces.isEmpty()) {
            throw new PressoException(source.where() + ": the calibration data " + source.path()
                    + " holds no sequence of at least 2 tokens");
        }
        return pieces;
    }

    private static List<int[]> first(EvaluationData data, int count) {
        List<int[]> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sequences.add(data.sequence(i));
        }
        return sequences;
    }
}
