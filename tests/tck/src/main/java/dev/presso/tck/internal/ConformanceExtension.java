package dev.presso.tck.internal;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.tck.BackendContract;
import dev.presso.tck.BackendPair;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Resolves {@link BackendPair} parameters: opens the backend under test and a reference backend
 * once per test class (closed when the class finishes), and a fresh pair per test method whose
 * arrays are closed when the method finishes. Configures {@link ProviderConformance} instances
 * from the launcher's configuration parameters.
 */
public final class ConformanceExtension implements ParameterResolver, TestInstancePostProcessor {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ConformanceExtension.class);

    /** Creates the extension; JUnit instantiates it. */
    public ConformanceExtension() {}

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) {
        if (instance instanceof ProviderConformance conformance) {
            conformance.configure(context::getConfigurationParameter);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BackendPair.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Object instance = context.getRequiredTestInstance();
        if (!(instance instanceof BackendContract contract)) {
            throw new ParameterResolutionException(instance.getClass().getName()
                    + " must implement " + BackendContract.class.getName());
        }
        ExtensionContext classContext = context.getParent().orElse(context);
        Backends backends = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                Backends.class, key -> Backends.open(contract), Backends.class);
        BackendPair pair = new BackendPair(backends.actual(), backends.reference(),
                contract.tolerances(), contract.includeLargeInputs(), seed(context));
        context.getStore(NAMESPACE).put(parameter.getIndex() + ":pair", pair);
        return pair;
    }

    /** Derives a stable seed from the test class and method, so every test has its own data. */
    private static long seed(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName() + "#"
                + context.getTestMethod().map(Method::getName).orElse("");
        long h = 0xCBF29CE484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return h;
    }

    /** The backend under test and the reference, closed together after the test class. */
    record Backends(TensorBackend actual, TensorBackend reference) implements AutoCloseable {
        static Backends open(BackendContract contract) {
            TensorBackend actual = Objects.requireNonNull(contract.openBackend(),
                    "openBackend() returned null");
            return new Backends(actual, new ReferenceBackend());
        }

        @Override
        public void close() {
            try {
                actual.close();
            } finally {
                reference.close();
            }
        }
    }
}
