package dev.presso.host.internal.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A real plugin bundle compiled while the test runs: one compression method, "sign" (each weight
 * becomes its sign times the mean magnitude of its row), in an OSGi bundle with its
 * {@code META-INF/services} file, so the publish check can load it in both runtime modes without
 * its classes being on the test class path.
 */
public final class CompiledPlugin {
    private static final String PACKAGE = "com.example.sign";

    private CompiledPlugin() {}

    /**
     * Builds the bundle.
     *
     * @param folder a scratch folder
     * @param id the plugin id (bundle symbolic name)
     * @param costSlack bits added to what {@code costBits} promises (0 for an honest method)
     * @return the jar
     */
    public static Path build(Path folder, String id, int costSlack) {
        try {
            Path sources = Files.createDirectories(folder.resolve("src/" + PACKAGE.replace('.', '/')));
            Path classes = Files.createDirectories(folder.resolve("classes"));
            Files.writeString(sources.resolve("SignMethodProvider.java"), source(costSlack));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, "-proc:none", "-d", classes.toString(), "-cp",
                    System.getProperty("java.class.path"), sources.resolve("SignMethodProvider.java").toString());
            if (status != 0) {
                throw new IllegalStateException("the test plugin did not compile");
            }
            Path jar = folder.resolve(id + ".jar");
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                put(out, JarFile.MANIFEST_NAME, manifest(id));
                put(out, "META-INF/services/dev.presso.kernel.method.CompressionMethodProvider",
                        (PACKAGE + ".SignMethodProvider\n").getBytes(StandardCharsets.UTF_8));
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path type : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        put(out, classes.relativize(type).toString().replace('\\', '/'), Files.readAllBytes(type));
                    }
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] manifest(String id) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", id);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", String.join(",", List.of("dev.presso.kernel;version=\"[1.0,2)\"",
                "dev.presso.kernel.method;version=\"[1.0,2)\"", "dev.presso.kernel.model;version=\"[1.0,2)\"",
                "dev.presso.kernel.pipeline;version=\"[1.0,2)\"", "dev.presso.kernel.plugin;version=\"[1.0,2)\"",
                "dev.presso.kernel.tensor;version=\"[1.0,2)\"")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTime(0);
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    private static String source(int costSlack) {
        return """
                package com.example.sign;

                import dev.presso.kernel.method.*;
                import dev.presso.kernel.model.*;
                import dev.presso.kernel.pipeline.PluginContext;
                import dev.presso.kernel.plugin.PluginOption;
                import dev.presso.kernel.tensor.*;
                import java.util.*;

                public final class SignMethodProvider implements CompressionMethodProvider {
                    public String id() { return "sign"; }
                    public String description() { return "signs times the mean magnitude per row"; }
                    public List<PluginOption> options() { return List.of(); }
                    public CompressionMethod create(Map<String, String> settings) { return new Method(); }

                    static final class Method implements CompressionMethod {
                        private static final Level ONE_BIT = new Level("1bit", 1);
                        public String id() { return "sign"; }
                        public List<Level> levels() { return List.of(ONE_BIT); }
                        public long costBits(long out, long in, Level level) { return out * in + 16 * out + SLACK; }
                        public LinearOperator compress(LinearSite site, Level level, Calibration calibration,
                                PluginContext context) {
                            Tensor weight = site.weight();
                            long out = weight.shape().dim(0);
                            long in = weight.shape().dim(1);
                            float[] w = weight.toFloatArray();
                            float[] q = new float[w.length];
                            for (int r = 0; r < out; r++) {
                                double sum = 0;
                                for (int c = 0; c < in; c++) { sum += Math.abs(w[(int) (r * in + c)]); }
                                float scale = (float) (sum / in);
                                for (int c = 0; c < in; c++) {
                                    int i = (int) (r * in + c);
                                    q[i] = w[i] >= 0 ? scale : -scale;
                                }
                            }
                            return new Operator(context.tensors().of(q, Shape.of(out, in)));
                        }
                        public LinearOperator restore(long out, long in, OperatorPayload payload, PluginContext context) {
                            return new Operator(payload.tensors().get("weight"));
                        }
                    }

                    record Operator(Tensor weight) implements LinearOperator {
                        public long inFeatures() { return weight.shape().dim(1); }
                        public long outFeatures() { return weight.shape().dim(0); }
                        public Tensor apply(Tensor input) { return input.matmul(weight, false, true); }
                        public long parameterCount() { return inFeatures() * outFeatures() + outFeatures(); }
                        public long storageBits() { return outFeatures() * inFeatures() + 16 * outFeatures(); }
                        public Tensor denseWeight() { return weight; }
                        public OperatorPayload payload() { return new OperatorPayload(Map.of("weight", weight), Map.of()); }
                    }
                }
                """.replace("SLACK", costSlack + "L");
    }
}
