package dev.presso.benchmarks;

/** How a case's median time is reported. */
enum Metric {
    /** Billions of floating-point operations per second; {@code work} counts operations. */
    GFLOPS("GFLOP/s") {
        @Override
        double report(double work, double seconds) {
            return work / seconds / 1e9;
        }
    },
    /** Milliseconds per call; {@code work} is ignored. */
    MILLIS("ms") {
        @Override
        double report(double work, double seconds) {
            return seconds * 1e3;
        }
    },
    /** Millions of elements transformed per second; {@code work} counts elements. */
    MELEMS("Melem/s") {
        @Override
        double report(double work, double seconds) {
            return work / seconds / 1e6;
        }
    };

    private final String unit;

    Metric(String unit) {
        this.unit = unit;
    }

    /** Returns the unit printed in the table. */
    String unit() {
        return unit;
    }

    /** Converts a median time into this metric's number. */
    abstract double report(double work, double seconds);
}
