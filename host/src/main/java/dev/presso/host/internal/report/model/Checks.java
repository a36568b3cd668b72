package dev.presso.host.internal.report.model;

/** Argument checks shared by the report's records; their failures are programming errors. */
final class Checks {
    private Checks() {}

    static void notBlank(String value, String what) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("a report's " + what + " must not be blank");
        }
    }

    static void size(long parameters, long storageBits, String what) {
        if (parameters < 1 || storageBits < 0) {
            throw new IllegalArgumentException(what + " needs at least one parameter and no negative size, got "
                    + parameters + " parameters in " + storageBits + " bits");
        }
    }
}
