package app.rapport.advocate.rest;

import app.rapport.web.ApiException;

/** {@code If-Match} and {@code ETag}: the advocate's version, as {@code 7} or {@code "7"} (or {@code W/"7"}). */
public final class IfMatch {

    /** The version the caller pinned; null when the header is absent or {@code *}. */
    public static Long parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        if (v.equals("*")) {
            return null;
        }
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v.strip());
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("If-Match", "must be the advocate's version, e.g. \"3\"");
        }
    }

    private IfMatch() {
    }
}
