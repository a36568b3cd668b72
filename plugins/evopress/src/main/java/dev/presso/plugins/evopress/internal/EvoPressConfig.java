package dev.presso.plugins.evopress.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EvoPress' settings, checked.
 *
 * @param generations how many generations to run
 * @param offspring distinct children made per generation (lambda)
 * @param stages the selection stages, the last keeping one survivor
 * @param maxSwitches the most level switches one child gets in a space without group budgets
 * @param maxMutations the most in-group swaps one child gets in a space with group budgets
 * @param initiallyGenerated random feasible starts drawn when no uniform start applies
 * @param initialTokens selection tokens each random start is scored on
 * @param seedOffset added to the run's seed, to draw another trajectory
 */
public record EvoPressConfig(int generations, int offspring, List<Stage> stages, int maxSwitches, int maxMutations,
        int initiallyGenerated, long initialTokens, long seedOffset) {
    /** Every setting with its default, scaled for small models (the paper's 7B defaults are larger). */
    public static final List<PluginOption> OPTIONS = List.of(
            new PluginOption("generations", "50", "number of generations, an integer >= 0 (the paper: 150 to 400 on"
                    + " 7B models)"),
            new PluginOption("offspring", "16", "distinct children per generation (lambda), an integer >= 1 (the"
                    + " paper: 64 to 128)"),
            new PluginOption("survivors", "4,1", "candidates kept by each selection stage, comma-separated,"
                    + " non-increasing, the last 1 (the paper: 8,2,1)"),
            new PluginOption("tokens", "512,4096", "selection tokens per fitness call in each stage,"
                    + " comma-separated, as many as survivors (the paper: 2048,16384,65536)"),
            new PluginOption("max-switches", "3", "a child gets min(U{1,m}, U{1,m}) level switches with explicit"
                    + " bit accounting (spaces without group budgets); an integer in 1..10"),
            new PluginOption("max-mutations", "3", "in a space with group budgets (such as depth pruning) a child"
                    + " gets min(U{1,m}, U{1,m}) swaps inside one group, one unit less and one more compressed; an"
                    + " integer in 1..10 (the paper's depth search: 3)"),
            new PluginOption("initially-generated", "16", "random feasible starts drawn (from level 0, random"
                    + " units over a budget made one level more compressed until every budget holds) when no uniform"
                    + " start applies; the best on initial-tokens is the first parent; an integer >= 1 (the paper: 64)"),
            new PluginOption("initial-tokens", "512", "selection tokens each random start is scored on, an"
                    + " integer >= 1 (the paper: 2048)"),
            new PluginOption("seed-offset", "0", "added to the run's seed to draw another trajectory, an"
                    + " integer"));

    /**
     * Copies the stages.
     *
     * @param generations generations
     * @param offspring offspring per generation
     * @param stages selection stages
     * @param maxSwitches most switches per child without group budgets
     * @param maxMutations most in-group swaps per child with group budgets
     * @param initiallyGenerated random starts drawn
     * @param initialTokens tokens per random start's score
     * @param seedOffset seed offset
     */
    public EvoPressConfig {
        stages = List.copyOf(stages);
    }

    /**
     * Parses settings; absent ones take their defaults.
     *
     * @param settings values by option name
     * @return the configuration
     * @throws PressoException naming the setting, its value and what was expected
     */
    public static EvoPressConfig parse(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("search " + EvoPressSearch.ID, settings, OPTIONS);
        int generations = s.integer("generations", 0, Integer.MAX_VALUE);
        int offspring = s.integer("offspring", 1, 100_000);
        int maxSwitches = s.integer("max-switches", 1, LevelSwitch.MAX_CHANGES);
        int maxMutations = s.integer("max-mutations", 1, LevelSwitch.MAX_CHANGES);
        int initiallyGenerated = s.integer("initially-generated", 1, 100_000);
        long initialTokens = s.integer("initial-tokens", 1L, Long.MAX_VALUE);
        long seedOffset = s.integer("seed-offset", Long.MIN_VALUE, Long.MAX_VALUE);
        List<Long> survivors = list(s, "survivors", 1, 100_000);
        List<Long> tokens = list(s, "tokens", 1, Long.MAX_VALUE);
        if (survivors.size() != tokens.size()) {
            throw s.invalid("tokens", "as many stages as survivors \"" + s.text("survivors") + "\" ("
                    + survivors.size() + ")");
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < survivors.size(); i++) {
            if (i > 0 && survivors.get(i) > survivors.get(i - 1)) {
                throw s.invalid("survivors", "non-increasing counts");
            }
            stages.add(new Stage(survivors.get(i).intValue(), tokens.get(i)));
        }
        if (survivors.getLast() != 1) {
            throw s.invalid("survivors", "a last stage that keeps 1 candidate");
        }
        return new EvoPressConfig(generations, offspring, stages, maxSwitches, maxMutations, initiallyGenerated,
                initialTokens, seedOffset);
    }

    private static List<Long> list(PluginSettings s, String name, long minimum, long maximum) {
        List<Long> list = new ArrayList<>();
        for (String part : s.text(name).split(",", -1)) {
            try {
                long value = Long.parseLong(part.strip());
                if (value >= minimum && value <= maximum) {
                    list.add(value);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw s.invalid(name, "comma-separated integers in [" + minimum + ", " + maximum + "]");
        }
        return list;
    }

    /**
     * Returns a digest of the settings that shape a trajectory (all but {@code generations}, so a
     * finished search can be resumed with more generations).
     *
     * @return the digest
     */
    long trajectoryDigest() {
        long h = offspring * 31L + maxSwitches;
        h = h * 1_000_003L + maxMutations;
        h = h * 1_000_003L + initiallyGenerated;
        h = h * 1_000_003L + initialTokens;
        h = h * 1_000_003L + seedOffset;
        for (Stage stage : stages) {
            h = h * 1_000_003L + stage.survivors();
            h = h * 1_000_003L + stage.tokens();
        }
        return h;
    }
}
