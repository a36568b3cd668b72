package dev.presso.plugins.tensorcpu.internal.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.TensorException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The factory degrades to pure Java, without throwing, where native code cannot load. Each case
 * runs {@link FactoryProbeMain} in a child JVM, since the load is attempted once per process.
 */
class LinearAlgebraFactoryFallbackTest {
    @Test
    void fallsBackWhenNativeAccessIsDenied() throws Exception {
        List<String> out = probe(true, "--illegal-native-access=deny");
        assertEquals("native=false", out.get(0));
        assertTrue(out.get(1).startsWith("status=unavailable: IllegalCallerException"), out.get(1));
        assertEquals("s=45.0,5.0", rounded(out.get(2)));
    }

    @Test
    void fallsBackWhenTheNativesJarIsMissing() throws Exception {
        List<String> out = probe(false, "--enable-native-access=ALL-UNNAMED");
        assertEquals("native=false", out.get(0));
        assertTrue(out.get(1).startsWith("status=unavailable: "), out.get(1));
        assertEquals("s=45.0,5.0", rounded(out.get(2)));
    }

    private static List<String> probe(boolean withNatives, String nativeAccessOption)
            throws IOException, InterruptedException, URISyntaxException {
        List<String> classPath = new ArrayList<>(List.of(location(FactoryProbeMain.class),
                location(LinearAlgebraFactory.class), location(TensorException.class)));
        URL natives = LinearAlgebraFactoryFallbackTest.class.getClassLoader()
                .getResource("org/bytedeco/openblas/linux-x86_64/libopenblas.so.0");
        if (withNatives && natives != null && natives.getProtocol().equals("jar")) {
            String jar = natives.getPath().substring(0, natives.getPath().indexOf("!/"));
            classPath.add(Path.of(URI.create(jar)).toString());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--add-modules",
                "jdk.incubator.vector", nativeAccessOption, "-cp",
                String.join(File.pathSeparator, classPath), FactoryProbeMain.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(l -> !l.startsWith("WARNING")).toList();
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Rounds the squared singular values printed by the probe to one decimal. */
    private static String rounded(String line) {
        String[] values = line.substring(2).split(",");
        return "s=" + Math.round(Float.parseFloat(values[0]) * 10) / 10.0 + ","
                + Math.round(Float.parseFloat(values[1]) * 10) / 10.0;
    }
}
