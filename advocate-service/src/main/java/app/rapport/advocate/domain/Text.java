package app.rapport.advocate.domain;

/** String normalisation shared by every input path (REST and CSV import). */
public final class Text {

    /** Trims; blank becomes null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private Text() {
    }
}
