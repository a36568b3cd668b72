package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.DataSource;
import dev.presso.host.internal.pipeline.spec.DataSpec;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code data}: the calibration and evaluation data sets. */
final class DataReader {
    /** The sequence length when none is written. */
    static final int DEFAULT_SEQUENCE_LENGTH = 512;

    private static final List<Key> DATA_KEYS = List.of(
            new Key("calibration", "a data set for calibrate and search stages"),
            new Key("evaluation", "a data set for evaluate stages"));
    private static final List<Key> SOURCE_KEYS = List.of(
            new Key("path", "a token or text file relative to the pipeline file, or default"),
            new Key("format", "auto, json, int32 or text"),
            new Key("sequence-length", "the longest sequence, such as 512"),
            new Key("max-sequences", "how many sequences to use at most, 0 for all"));

    private DataReader() {}

    /**
     * Reads the data section.
     *
     * @param node the value of {@code data}
     * @param folder the pipeline file's folder, against which paths resolve
     * @param defaultModel whether the pipeline's model is the default one, which alone has default data
     * @param problems where problems go
     * @return the data sets that could be read
     */
    static DataSpec read(YamlNode node, Path folder, boolean defaultModel, Problems problems) {
        Optional<Fields> fields = Values.mapping(node, "data", problems)
                .map(m -> Fields.of(m, "data", DATA_KEYS, problems));
        DataSpec data = new DataSpec(
                    fields.flatMap(f -> f.entry("calibration").flatMap(e -> source(e, folder, problems))),
                fields.flatMap(f -> f.entry("evaluation").flatMap(e -> source(e, folder, problems))));
        if (!defaultModel) {
            Stream.of(data.calibration(), data.evaluation()).flatMap(Optional::stream)
                    .filter(DataSource::isDefault).forEach(source -> problems.add(ProblemCode.INVALID_VALUE,
                            source.where(), "data 'default' is the default model's own data, but the model is not"
                                    + " default", "give the path of a token or text file"));
        }
        return data;
    }

    private static Path resolve(String path, Path folder) {
        return path.equals(DataSource.DEFAULT) ? Path.of(DataSource.DEFAULT) : folder.resolve(path).normalize();
    }

    private static Optional<DataSource> source(YamlNode.Entry entry, Path folder, Problems problems) {
        YamlNode node = entry.value();
        String role = entry.key();
        Location owner = entry.keyWhere();
        if (node instanceof YamlNode.Scalar) {
            return Values.text(node, role, problems).map(path -> new DataSource(resolve(path, folder), "auto",
                    DEFAULT_SEQUENCE_LENGTH, 0, node.where()));
        }
        return Values.mapping(node, role, problems).flatMap(m -> {
            int mark = problems.mark();
            Fields fields = Fields.of(m, owner, "data set '" + role + "'", SOURCE_KEYS, problems);
            Optional<YamlNode> pathNode = fields.required("path");
            Optional<String> path = pathNode.flatMap(n -> Values.text(n, "path", problems));
            Optional<String> format = fields.choice("format", DataSource.FORMATS, "auto", ProblemCode.INVALID_VALUE,
                    "auto chooses by extension: .json, .i32 or .bin, .txt");
            Optional<Integer> length = fields.smallInteger("sequence-length", 2, DEFAULT_SEQUENCE_LENGTH);
            Optional<Integer> max = fields.smallInteger("max-sequences", 0, 0);
            if (problems.blockingSince(mark)) {
                return Optional.empty();
            }
            return Optional.of(new DataSource(resolve(path.orElseThrow(), folder), format.orElseThrow(),
                    length.orElseThrow(), max.orElseThrow(), pathNode.orElseThrow().where()));
        });
    }
}
