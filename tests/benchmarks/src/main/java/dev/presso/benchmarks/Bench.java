package dev.presso.benchmarks;

import dev.presso.kernel.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bench command: times the {@code cpu} tensor provider, opened through the SPI, and numpy on
 * the same cases in one run, and prints one plain-text table to standard output.
 *
 * <p>numpy runs twice: with the environment as it is, and with {@code OPENBLAS_CORETYPE} and
 * {@code OPENBLAS_L2_SIZE} removed from the child's environment (some machines set them to force
 * OpenBLAS's AVX2 kernels). Each case runs on tensor-cpu and then in both numpy processes, back
 * to back, so that all three see the same machine load. Every number is the median over repeated
 * calls after warm-up. Ratios are speed ratios: numpy's time divided by tensor-cpu's, so above 1
 * means tensor-cpu is faster.
 *
 * <p>Options: {@code --quick} (fewer repeats, no largest sizes), {@code --only KIND,...} (for
 * example {@code --only gemm,fwht}), {@code --threads N} (tensor-cpu threads; default one per
 * processor, like numpy), {@code --rounds N} (time every case N times, each time on all three,
 * and keep each column's fastest median: on a shared machine this filters out rounds disturbed
 * by other processes), {@code --no-numpy}. See the module's README for the command line.
 */
public final class Bench {
    private static final Set<String> OPTIONS = Set.of("--quick", "--only", "--threads",
            "--no-numpy", "--rounds");

    private Bench() {}

    /**
     * Runs the bench.
     *
     * @param args the options described in the class comment
     */
    public static void main(String[] args) {
        List<String> argList = Arrays.asList(args);
        for (String arg : args) {
            if (arg.startsWith("--") && !OPTIONS.contains(arg)) {
                System.err.println("unknown option " + arg + "; known: " + OPTIONS);
                System.exit(2);
            }
        }
        boolean quick = argList.contains("--quick");
        int threads = Integer.parseInt(value(argList, "--threads", "0"));
        int rounds = Integer.parseInt(value(argList, "--rounds", "1"));
        List<String> only = Arrays.asList(value(argList, "--only", "").split(","));
        List<BenchCase> cases = new ArrayList<>(BenchCase.standard(quick));
        if (!only.equals(List.of(""))) {
            cases.removeIf(c -> !only.contains(c.kind()));
        }

        printHeader();

        Map<String, Double> javaSeconds = new LinkedHashMap<>();
        Map<String, String> javaErrors = new LinkedHashMap<>();
        Map<String, NumpyRun> runs = new LinkedHashMap<>();
        try (TensorBackend backend = SpiBackends.open("cpu", threads)) {
            System.out.println("tensor-cpu: provider '" + backend.name() + "' on "
                    + backend.device() + ", capabilities " + backend.capabilities());
            JavaSide side = new JavaSide(backend);
            for (BenchCase c : cases) {
                for (int round = 0; round < rounds && !javaErrors.containsKey(c.id()); round++) {
                    try {
                        javaSeconds.merge(c.id(), side.time(c), Math::min);
                    } catch (RuntimeException e) {
                        javaErrors.put(c.id(), e.toString());
                    }
                    if (!argList.contains("--no-numpy")) {
                        timeNumpy(runs, "numpy-as-is", c, List.of());
                        timeNumpy(runs, "numpy-unset", c, NumpyRun.OPENBLAS_TUNING);
                    }
                }
            }
        }

        for (NumpyRun run : runs.values()) {
            System.out.println(run.title() + ": " + run.info()
                    + (run.error().isEmpty() ? "" : " ERROR " + run.error()));
        }
        System.out.println("medians after warm-up" + (rounds > 1 ? ", fastest of " + rounds
                + " rounds" : "") + "; java/X = X's time / tensor-cpu's time (above 1: tensor-cpu"
                + " faster)");
        System.out.println();
        System.out.print(ResultTable.format(cases, javaSeconds, javaErrors,
                List.copyOf(runs.values())));
    }

    private static void printHeader() {
        System.out.println("Presso bench: tensor-cpu (through the TensorProvider SPI) vs numpy");
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors()
                + " processors, java " + Runtime.version());
        for (String name : NumpyRun.OPENBLAS_TUNING) {
            String value = System.getenv(name);
            System.out.println("environment: " + name + "=" + (value == null ? "<unset>" : value));
        }
    }

    /**
     * Times one case in a fresh numpy process right after tensor-cpu, so that both see the same
     * machine load, and adds it to the run with that title (keeping the faster of two times).
     */
    private static void timeNumpy(Map<String, NumpyRun> runs, String title, BenchCase c,
            List<String> removed) {
        NumpyRun run = NumpyRun.execute(title, List.of(c), removed);
        runs.merge(title, run, NumpyRun::merge);
    }

    private static String value(List<String> args, String option, String fallback) {
        int at = args.indexOf(option);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= args.size()) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args.get(at + 1);
    }
}
