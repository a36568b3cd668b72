package dev.presso.host.internal.report.model;

/**
 * The best fitness a search had reached after one generation.
 *
 * @param generation the generation, from 0
 * @param fitness the best fitness so far
 */
public record SearchPoint(int generation, double fitness) {}
