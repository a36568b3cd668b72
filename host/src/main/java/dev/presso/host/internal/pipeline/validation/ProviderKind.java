package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.pipeline.spec.ProblemCode;

/** The kinds of provider a pipeline names by id. */
enum ProviderKind {
    /** A {@code CompressionMethodProvider}. */
    METHOD("a compression method", "compression methods", ProblemCode.UNKNOWN_METHOD),
    /** A {@code SearchStrategyProvider}. */
    STRATEGY("a search strategy", "search strategies", ProblemCode.UNKNOWN_STRATEGY),
    /** An {@code EvaluatorProvider}. */
    EVALUATOR("an evaluator", "evaluators", ProblemCode.UNKNOWN_EVALUATOR);

    private final String withArticle;
    private final String plural;
    private final ProblemCode unknown;

    ProviderKind(String withArticle, String plural, ProblemCode unknown) {
        this.withArticle = withArticle;
        this.plural = plural;
        this.unknown = unknown;
    }

    /** Returns the kind's name in messages. @return such as {@code compression method} */
    String noun() {
        return withArticle.substring(withArticle.indexOf(' ') + 1);
    }

    /** Returns the kind with its article. @return such as {@code an evaluator} */
    String withArticle() {
        return withArticle;
    }

    /** Returns the plural. @return such as {@code search strategies} */
    String plural() {
        return plural;
    }

    /** Returns the code of an id no plugin provides. @return the code */
    ProblemCode unknown() {
        return unknown;
    }
}
