package app.rapport.web;

import java.util.ArrayList;
import java.util.List;

/** Validated {@code ?page=&size=}: page ≥ 0 (default 0), size 1..200 (default 20). */
public record PageRequest(int page, int size) {
    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 20;

    /** Reads raw query values; a bad one is a 400 naming the parameter. */
    public static PageRequest of(String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        int p = parse(page, 0, "page", errors);
        int s = parse(size, DEFAULT_SIZE, "size", errors);
        if (errors.isEmpty() && p < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (errors.isEmpty() && (s < 1 || s > MAX_SIZE)) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid paging parameters", errors);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }

    private static int parse(String raw, int fallback, String name, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a whole number"));
            return fallback;
        }
    }
}
