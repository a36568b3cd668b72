package dev.presso.plugins.tensorcuda.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled forms of the kernels agree with the Java facade: the committed PTX has exactly
 * one {@code .entry} per {@link Kernel} (so neither side can drift), targets the compute_80
 * baseline and assembles for sm_90 where ptxas exists; the host build exports a trampoline for
 * every kernel.
 */
class CompiledKernelsTest {
    private static final String PTX = "/dev/presso/plugins/tensorcuda/kernels.ptx";
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(");

    @Test
    void committedPtxHasAnEntryForEveryKernelAndNoOther() throws IOException {
        Set<String> entries = new TreeSet<>();
        Matcher matcher = ENTRY.matcher(ptx());
        while (matcher.find()) {
            entries.add(matcher.group(1));
        }
        Set<String> launched = Arrays.stream(Kernel.values()).map(Kernel::entry)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(launched, entries, "PTX entries (right) against the facade's kernels (left); "
                + "regenerate kernels.ptx with the cuda-toolkit profile after changing a kernel");
    }

    @Test
    void committedPtxTargetsTheComputeCapability80Baseline() throws IOException {
        assertTrue(ptx().contains(".target sm_80"), "kernels.ptx must be built for compute_80");
    }

    @Test
    void committedPtxAssemblesForSm90() throws Exception {
        Optional<Path> ptxas = findPtxas();
        assumeTrue(ptxas.isPresent(), "ptxas is not installed");
        Path file = Files.createTempFile("kernels", ".ptx");
        try {
            Files.writeString(file, ptx());
            Process process = new ProcessBuilder(ptxas.get().toString(), "-arch=sm_90",
                    file.toString(), "-o", "/dev/null").redirectErrorStream(true).start();
            String log = new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ptxas did not finish");
            assertEquals(0, process.exitValue(), "ptxas rejected kernels.ptx:\n" + log);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void hostBuildExportsATrampolineForEveryKernel() {
        SymbolLookup library = SymbolLookup.libraryLookup(HostKernels.library(), Arena.global());
        List<String> missing = Arrays.stream(Kernel.values()).map(Kernel::entry)
                .filter(entry -> library.find("presso_host_" + entry).isEmpty()).toList();
        assertEquals(List.of(), missing, "kernels without a presso_host_ trampoline");
    }

    private static String ptx() throws IOException {
        try (InputStream in = CompiledKernelsTest.class.getResourceAsStream(PTX)) {
            assertNotNull(in, PTX + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Optional<Path> findPtxas() {
        String cudaHome = System.getenv("CUDA_HOME");
        List<Path> candidates = new java.util.ArrayList<>();
        if (cudaHome != null) {
            candidates.add(Path.of(cudaHome, "bin", "ptxas"));
        }
        candidates.add(Path.of("/usr/local/cuda-13.0/bin/ptxas"));
        candidates.add(Path.of("/usr/local/cuda/bin/ptxas"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(folder, "ptxas"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
