package app.rapport.advocate.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A change that breaks a rule of the domain; the REST layer answers it with 400 naming each field. */
public class DomainException extends RuntimeException {
    private final List<Violation> violations;

    public DomainException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public DomainException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
