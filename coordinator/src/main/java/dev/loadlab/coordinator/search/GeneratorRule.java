package dev.loadlab.coordinator.search;

/**
 * One reason a step's load generator, not its target, set the pace: the rule that fired ({@code agent-cpu}, {@code
 * agent-half-machine}, {@code machine-saturated} or {@code open-model-behind}; see {@link GeneratorCheck}) and a
 * sentence with the figures it fired on. Immutable.
 */
public record GeneratorRule(String rule, String detail) {}
