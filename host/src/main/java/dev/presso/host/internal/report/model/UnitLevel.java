package dev.presso.host.internal.report.model;

/**
 * The level a search gave one unit.
 *
 * @param unit the unit's name, such as a site or {@code model.layers.0.mlp}
 * @param group the unit's group
 * @param level the level index, 0 the least compressed
 * @param levelCount how many levels the unit offered
 * @param levelName the level's name, such as {@code 3bit} or {@code dropped}
 */
public record UnitLevel(String unit, String group, int level, int levelCount, String levelName) {}
