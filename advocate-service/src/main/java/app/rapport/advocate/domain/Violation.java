package app.rapport.advocate.domain;

/** One broken rule: the field (a JSON path such as {@code activities[1]}) and what is wrong with it. */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + " " + message;
    }
}
