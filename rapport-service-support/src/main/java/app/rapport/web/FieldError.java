package app.rapport.web;

/** One entry of a validation problem's {@code errors}: the JSON path of the field and what is wrong. */
public record FieldError(String field, String message) {
}
