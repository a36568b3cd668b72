package dev.presso.host.internal.pipeline.spec;

/**
 * The stable codes of what can be wrong with a pipeline, each with its severity; the table in
 * {@code examples/pipelines/README.md} lists them. Codes are never reused for another meaning.
 */
public enum ProblemCode {
    /** The pipeline file cannot be read. */
    FILE_UNREADABLE("PIPE000", Severity.ERROR, "the file cannot be read"),
    /** The text is not valid YAML, or holds more than one document. */
    YAML_SYNTAX("PIPE001", Severity.ERROR, "YAML syntax error"),
    /** A key the format does not know. */
    UNKNOWN_KEY("PIPE002", Severity.ERROR, "unknown key"),
    /** A value of the wrong type, such as text where a number belongs. */
    WRONG_TYPE("PIPE003", Severity.ERROR, "wrong type"),
    /** A required key is absent. */
    MISSING_KEY("PIPE004", Severity.ERROR, "missing required key"),
    /** The {@code presso} format version is not one this host reads. */
    UNSUPPORTED_VERSION("PIPE005", Severity.ERROR, "unsupported format version"),
    /** A key written twice in one mapping. */
    DUPLICATE_KEY("PIPE006", Severity.ERROR, "duplicate key"),
    /** A value of the right type but outside what is allowed. */
    INVALID_VALUE("PIPE007", Severity.ERROR, "invalid value"),
    /** A plugin version constraint that cannot be parsed. */
    MALFORMED_CONSTRAINT("PIPE008", Severity.ERROR, "malformed version constraint"),
    /** A layer pattern that is not a valid glob or regular expression. */
    INVALID_PATTERN("PIPE009", Severity.ERROR, "invalid layer pattern"),
    /** Two variants, or two stages of one variant, with the same name. */
    DUPLICATE_NAME("PIPE010", Severity.ERROR, "duplicate stage or variant name"),
    /** A search budget that is not a positive number. */
    INVALID_BUDGET("PIPE011", Severity.ERROR, "search budget not positive"),
    /** An export format the host cannot write. */
    UNKNOWN_EXPORT_FORMAT("PIPE012", Severity.ERROR, "unknown export format"),
    /** An override that gives neither a level nor {@code skip}, or both. */
    INVALID_OVERRIDE("PIPE013", Severity.ERROR, "override without exactly one of level or skip"),
    /** A stage entry that is not exactly one known stage kind. */
    INVALID_STAGE("PIPE014", Severity.ERROR, "unknown or malformed stage"),
    /** A stage needs a data set that {@code data} does not declare. */
    DATA_NOT_DECLARED("PIPE015", Severity.ERROR, "stage needs an undeclared data set"),
    /** A required plugin is not installed. */
    PLUGIN_MISSING("PIPE020", Severity.ERROR, "plugin not installed"),
    /** A required plugin is installed in a version outside the constraint. */
    PLUGIN_VERSION("PIPE021", Severity.ERROR, "plugin version outside the constraint"),
    /** No installed plugin provides the named compression method. */
    UNKNOWN_METHOD("PIPE022", Severity.ERROR, "unknown compression method"),
    /** No installed plugin provides the named search strategy. */
    UNKNOWN_STRATEGY("PIPE023", Severity.ERROR, "unknown search strategy"),
    /** No installed plugin provides the named evaluator. */
    UNKNOWN_EVALUATOR("PIPE024", Severity.ERROR, "unknown evaluator"),
    /** Several installed plugins provide the same id and the pipeline does not pick one. */
    AMBIGUOUS_PROVIDER("PIPE025", Severity.ERROR, "id provided by several plugins"),
    /** A setting the provider does not accept. */
    UNKNOWN_SETTING("PIPE026", Severity.ERROR, "unknown setting"),
    /** A setting value the provider refuses. */
    INVALID_SETTING("PIPE027", Severity.ERROR, "invalid setting value"),
    /** A plugin failed unexpectedly while being asked about its settings or levels. */
    PLUGIN_FAILED("PIPE028", Severity.ERROR, "plugin failed"),
    /** A level the method does not offer. */
    UNKNOWN_LEVEL("PIPE029", Severity.ERROR, "level not offered by the method"),
    /** A target or exclude pattern that matches no site. */
    PATTERN_MATCHES_NOTHING("PIPE030", Severity.ERROR, "layer pattern matches no site"),
    /** An override that matches none of its stage's sites. */
    OVERRIDE_MATCHES_NOTHING("PIPE031", Severity.ERROR, "override matches none of the stage's sites"),
    /** A data file that does not exist. */
    DATA_FILE_MISSING("PIPE032", Severity.ERROR, "data file missing"),
    /** A model folder that does not exist or has no readable {@code config.json}. */
    MODEL_NOT_FOUND("PIPE033", Severity.ERROR, "model folder missing or without a valid config.json"),
    /** A method that needs calibration statistics runs before any calibrate stage. */
    CALIBRATION_MISSING("PIPE034", Severity.WARNING, "method needs calibration but no calibrate stage ran before"),
    /** A stage uses a plugin that {@code plugins} does not list, so its version is not pinned. */
    PLUGIN_NOT_DECLARED("PIPE035", Severity.WARNING, "plugin used but not listed under plugins"),
    /** A database stage has no valid ladder, several, or keys its ladder does not take. */
    INVALID_LADDER("PIPE036", Severity.ERROR,
            "database stage without exactly one valid ladder, or with keys its ladder does not take"),
    /** A search names a database no stage before it builds. */
    UNKNOWN_DATABASE("PIPE037", Severity.ERROR, "search names no database stage before it"),
    /** A search budget does not suit its database's ladder. */
    BUDGET_LADDER_MISMATCH("PIPE038", Severity.ERROR, "budget does not suit the database's ladder"),
    /** A search names a database and also a method or targets. */
    DATABASE_AND_METHOD("PIPE039", Severity.ERROR, "search names both a database and a method or targets"),
    /** A database to reuse is missing or not a database. */
    REUSE_NOT_FOUND("PIPE040", Severity.ERROR, "database to reuse missing or not a database");

    /** How serious a problem is. */
    public enum Severity {
        /** The pipeline cannot run. */
        ERROR,
        /** The pipeline can run, but probably not as meant. */
        WARNING
    }

    private final String code;
    private final Severity severity;
    private final String summary;

    ProblemCode(String code, Severity severity, String summary) {
        this.code = code;
        this.severity = severity;
        this.summary = summary;
    }

    /** Returns the stable code. @return such as {@code PIPE002} */
    public String code() {
        return code;
    }

    /** Returns the severity. @return error or warning */
    public Severity severity() {
        return severity;
    }

    /** Returns a few words on what the code means, for documentation. @return the summary */
    public String summary() {
        return summary;
    }
}
