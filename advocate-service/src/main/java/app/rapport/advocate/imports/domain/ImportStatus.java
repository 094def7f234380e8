package app.rapport.advocate.imports.domain;

/** The life of a CSV import job. A job never stays RUNNING after its process is gone. */
public enum ImportStatus {
    RUNNING, DONE, FAILED
}
