package dev.presso.host.internal.catalog;

import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.kernel.tensor.TensorProvider;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kernel-api provider interfaces a plugin can implement, each with the word that names it in
 * listings ({@code method:rtn}, {@code tensor:cpu}) and the way to ask a provider for its id.
 */
public enum ProviderKind {
    /** Compression methods. */
    METHOD("method", CompressionMethodProvider.class),
    /** Search strategies. */
    SEARCH("search", SearchStrategyProvider.class),
    /** Evaluators. */
    EVALUATOR("evaluator", EvaluatorProvider.class),
    /** Tensor backends. */
    TENSOR("tensor", TensorProvider.class);

    private final String label;
    private final Class<?> service;

    ProviderKind(String label, Class<?> service) {
        this.label = label;
        this.service = service;
    }

    /** Returns the word used in listings. @return the label, such as {@code method} */
    public String label() {
        return label;
    }

    /** Returns the provider interface. @return the interface, such as {@code CompressionMethodProvider} */
    public Class<?> service() {
        return service;
    }

    /**
     * Returns the kind a provider interface belongs to.
     *
     * @param service a provider interface
     * @return its kind, empty for a type that is not a kernel-api provider interface
     */
    public static Optional<ProviderKind> of(Class<?> service) {
        return Arrays.stream(values()).filter(k -> k.service == service).findFirst();
    }

    /**
     * Asks a provider of this kind for its id ({@code name()} for tensor providers). Plugin code
     * runs here, so the call may throw.
     *
     * @param provider an instance of {@link #service()}
     * @return the id
     */
    public String idOf(Object provider) {
        return switch (this) {
            case METHOD -> ((CompressionMethodProvider) provider).id();
            case SEARCH -> ((SearchStrategyProvider) provider).id();
            case EVALUATOR -> ((EvaluatorProvider) provider).id();
            case TENSOR -> ((TensorProvider) provider).name();
        };
    }

    /**
     * Asks a provider of this kind for one line about itself: its description, or for a tensor
     * provider its priority. Plugin code runs here, so the call may throw.
     *
     * @param provider an instance of {@link #service()}
     * @return the description
     */
    public String describe(Object provider) {
        return switch (this) {
            case METHOD -> ((CompressionMethodProvider) provider).description();
            case SEARCH -> ((SearchStrategyProvider) provider).description();
            case EVALUATOR -> ((EvaluatorProvider) provider).description();
            case TENSOR -> "tensor backend, priority " + ((TensorProvider) provider).priority();
        };
    }
}
