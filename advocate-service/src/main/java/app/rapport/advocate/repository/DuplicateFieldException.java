package app.rapport.advocate.repository;

/** A write hit a unique index: another advocate already has this {@code externalId} or email. */
public class DuplicateFieldException extends RuntimeException {
    private final String field;

    public DuplicateFieldException(String field) {
        super(field + " is already used by another advocate");
        this.field = field;
    }

    /** {@code externalId} or {@code email}. */
    public String field() {
        return field;
    }
}
