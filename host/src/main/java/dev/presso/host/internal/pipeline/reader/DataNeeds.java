package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Variant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks that every stage finds the data set it reads: calibrate and search stages (a database
 * stage reads the statistics a calibrate stage collected, not the data), and
 * sequential compress stages, read {@code data.calibration}; evaluate stages read
 * {@code data.evaluation}. A data set counts as declared when its key is written, even if its
 * value has a problem of its own.
 */
final class DataNeeds {
    private DataNeeds() {}

    /**
     * Records a problem for every stage whose data set is not declared.
     *
     * @param root the pipeline's top-level fields
     * @param shared the shared stages
     * @param variants the variants
     * @param problems where problems go
     */
    static void check(Fields root, List<Stage> shared, List<Variant> variants, Problems problems) {
        Stream.concat(shared.stream(), variants.stream().flatMap(v -> v.stages().stream())).forEach(stage ->
                needed(stage).filter(role -> !declared(root, role)).ifPresent(role -> problems.add(
                        ProblemCode.DATA_NOT_DECLARED, stage.where(), "the " + stage.kind() + " stage '" + stage.name()
                                + "' reads data." + role + ", which is not declared",
                        "add 'data: {" + role + ": {path: FILE}}' with a token or text file")));
    }

    private static Optional<String> needed(Stage stage) {
        return switch (stage) {
            case Stage.Calibrate c -> Optional.of("calibration");
            case Stage.Search s -> Optional.of("calibration");
            case Stage.DatabaseSearch s -> Optional.of("calibration");
            case Stage.Database d -> Optional.empty();
            case Stage.Compress c -> c.sequential() ? Optional.of("calibration") : Optional.empty();
            case Stage.Evaluate e -> Optional.of("evaluation");
            case Stage.Export e -> Optional.empty();
        };
    }

    private static boolean declared(Fields root, String role) {
        return root.node("data").filter(n -> n instanceof YamlNode.Mapping m && m.entry(role).isPresent())
                .isPresent();
    }
}
