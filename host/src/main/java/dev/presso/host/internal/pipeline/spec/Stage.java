package dev.presso.host.internal.pipeline.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One step of a pipeline, run in order; every stage has a name unique among its variant's stages. */
public sealed interface Stage permits Stage.Calibrate, Stage.Compress, Stage.Database, Stage.Search,
        Stage.DatabaseSearch, Stage.Evaluate, Stage.Export {
    /** Returns the stage's name: the one written, else its kind (then kind-2, kind-3, ...). @return the name */
    String name();

    /** Returns where the stage starts in the file (its kind key). @return the location */
    Location where();

    /** Returns the stage's kind as a pipeline writes it, such as {@code compress}. @return the kind */
    default String kind() {
        return switch (this) {
            case Calibrate c -> "calibrate";
            case Compress c -> "compress";
            case Database d -> "database";
            case Search s -> "search";
            case DatabaseSearch s -> "search";
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
     * Builds a level database: every targeted unit compressed at every level of a ladder, with
     * each level's cost and layer-wise error, for later search stages to choose from.
     *
     * @param name the stage name, which is the database's name
     * @param method the method, empty for a depth ladder
     * @param params the method's settings
     * @param targets the sites that become units (the default for a depth ladder)
     * @param ladder the levels to build
     * @param reuse a database folder of an earlier run to use instead of building, resolved
     *     against the pipeline file's folder
     * @param cache whether to look the database up in, and store it into, the cache folder
     * @param where where the stage starts
     */
    record Database(String name, Optional<PluginRef> method, Settings params, Targets targets, Ladder ladder,
            Optional<Path> reuse, boolean cache, Location where) implements Stage {}

    /**
     * Lets a strategy choose one level per unit of a level database under a budget, with KL
     * divergence to the dense model on calibration tokens as the fitness, then puts the
     * database's operators of the chosen levels into the model.
     *
     * @param name the stage name
     * @param strategy the strategy
     * @param strategyParams the strategy's settings
     * @param database the name of a database stage before this one, and where it was written
     * @param budget the budget
     * @param where where the stage starts
     */
    record DatabaseSearch(String name, PluginRef strategy, Settings strategyParams, PluginRef database,
            SearchBudget budget, Location where) implements Stage {}

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
