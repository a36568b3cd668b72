package dev.presso.host.internal.pipeline.spec;

/** One step of a pipeline, run in order; every stage has a name unique in its variant. */
public sealed interface Stage permits Stage.Calibrate, Stage.Compress, Stage.Search, Stage.Evaluate, Stage.Export {
    /** Returns the stage's name (its kind, or the name written). @return the name */
    String name();

    /** Returns where the stage starts in the file. @return the location */
    Location where();

    /**
     * Captures each linear site's input Gram matrix on the calibration data with the dense model.
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
     * @param method the method id
     * @param params the method's settings
     * @param level the default level
     * @param targets the sites
     * @param overrides per-site changes, later entries win
     * @param sequential whether to recalibrate block by block, feeding compressed outputs forward
     * @param where where the stage starts
     */
    record Compress(String name, String method, Settings params, LevelRef level, Targets targets,
            java.util.List<LevelOverride> overrides, boolean sequential, Location where) implements Stage {
        /** Copies the overrides. */
        public Compress {
            overrides = java.util.List.copyOf(overrides);
        }
    }

    /**
     * Lets a strategy allocate one method's levels over the targeted sites under a budget, with
     * KL divergence to the dense model on calibration tokens as the fitness, then compresses
     * each site at its level.
     *
     * @param name the stage name
     * @param strategy the strategy id
     * @param strategyParams the strategy's settings
     * @param method the method id whose levels are searched
     * @param methodParams the method's settings
     * @param targets the sites
     * @param budget the budget
     * @param where where the stage starts
     */
    record Search(String name, String strategy, Settings strategyParams, String method, Settings methodParams,
            Targets targets, Budget budget, Location where) implements Stage {}

    /**
     * Measures the current model on the evaluation data.
     *
     * @param name the stage name
     * @param metrics the evaluators to run
     * @param where where the stage starts
     */
    record Evaluate(String name, java.util.List<MetricSpec> metrics, Location where) implements Stage {
        /** Copies the metrics. */
        public Evaluate {
            metrics = java.util.List.copyOf(metrics);
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
    record Export(String name, String format, Location where) implements Stage {}
}
