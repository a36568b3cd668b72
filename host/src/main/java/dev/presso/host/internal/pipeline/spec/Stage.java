package dev.presso.host.internal.pipeline.spec;

import java.util.List;

/** One step of a pipeline, run in order; every stage has a name unique among its variant's stages. */
public sealed interface Stage permits Stage.Calibrate, Stage.Compress, Stage.Search, Stage.Evaluate, Stage.Export {
    /** Returns the stage's name: the one written, else its kind (then kind-2, kind-3, ...). @return the name */
    String name();

    /** Returns where the stage starts in the file (its kind key). @return the location */
    Location where();

    /** Returns the stage's kind as a pipeline writes it, such as {@code compress}. @return the kind */
    default String kind() {
        return switch (this) {
            case Calibrate c -> "calibrate";
            case Compress c -> "compress";
            case Search s -> "search";
            case Evaluate e -> "evaluate";
            case Export e -> "export";
        };
    }

    /**
     * Captures each linear site's input Gram matrix on the calibration data with the current model.
     *
     * @param name the stage name
     * @param rowSample how many input rows per site to keep besides the Gram, 0 for none
     * @param where where the stage starts
     */
    record Calibrate(String name, int rowSample, Location where) implements Stage {}

    /**
     * Compresses the targeted sites with one method at one level, overrides applied in order.
     *
     * @param name the stage name
     * @param method the method
     * @param params the method's settings
     * @param level the default level
     * @param targets the sites
     * @param overrides per-site changes, later entries win
     * @param sequential whether to recalibrate block by block, feeding compressed outputs forward
     * @param where where the stage starts
     */
    record Compress(String name, PluginRef method, Settings params, LevelRef level, Targets targets,
            List<LevelOverride> overrides, boolean sequential, Location where) implements Stage {
        /** Copies the overrides. */
        public Compress {
            overrides = List.copyOf(overrides);
        }
    }

    /**
     * Lets a strategy allocate one method's levels over the targeted sites under a budget, with
     * KL divergence to the dense model on calibration tokens as the fitness, then compresses
     * each site at its level.
     *
     * @param name the stage name
     * @param strategy the strategy
     * @param strategyParams the strategy's settings
     * @param method the method whose levels are searched
     * @param methodParams the method's settings
     * @param targets the sites
     * @param budget the budget
     * @param where where the stage starts
     */
    record Search(String name, PluginRef strategy, Settings strategyParams, PluginRef method, Settings methodParams,
            Targets targets, Budget budget, Location where) implements Stage {}

    /**
     * Measures the current model on the evaluation data.
     *
     * @param name the stage name
     * @param metrics the evaluators to run, at least one
     * @param where where the stage starts
     */
    record Evaluate(String name, List<MetricSpec> metrics, Location where) implements Stage {
        /** Copies the metrics. */
        public Evaluate {
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * Writes the current model.
     *
     * @param name the stage name
     * @param format {@code presso} (compressed layers and a manifest) or {@code huggingface}
     *     (dense weights in standard layout)
     * @param where where the stage starts
     */
    record Export(String name, String format, Location where) implements Stage {
        /** The formats an export stage may name. */
        public static final List<String> FORMATS = List.of("presso", "huggingface");
    }
}
