package app.rapport.advocate.imports.mapping;

import app.rapport.advocate.domain.Violation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header of an import CSV: which known column sits at which position. Columns are named by the
 * header, in any order, matched case-insensitively; unknown or repeated columns are refused (a typo
 * would otherwise silently drop data), and so is a header without the required columns.
 */
public final class ImportColumns {
    public static final String EXTERNAL_ID = "externalId";
    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String TITLE = "title";
    public static final String ACCOUNT_ID = "accountId";
    public static final String ACCOUNT_NAME = "accountName";
    public static final String INDUSTRY = "industry";
    public static final String REGION = "region";
    public static final String SEGMENT = "segment";
    public static final String OWNER_ID = "ownerId";
    public static final String TAGS = "tags";
    public static final String ACTIVITIES = "activities";

    public static final List<String> KNOWN = List.of(EXTERNAL_ID, NAME, EMAIL, PHONE, TITLE, ACCOUNT_ID,
            ACCOUNT_NAME, INDUSTRY, REGION, SEGMENT, OWNER_ID, TAGS, ACTIVITIES);
    public static final List<String> REQUIRED = List.of(NAME, EMAIL, ACCOUNT_ID, ACCOUNT_NAME, OWNER_ID);

    private final Map<String, Integer> positions;
    private final int width;

    private ImportColumns(Map<String, Integer> positions, int width) {
        this.positions = positions;
        this.width = width;
    }

    /**
     * Reads a header record.
     *
     * @return the columns, or the problems (each with field {@code header})
     */
    public static ImportColumns parse(List<String> header, List<Violation> problems) {
        Map<String, String> byLower = new LinkedHashMap<>();
        KNOWN.forEach(k -> byLower.put(k.toLowerCase(Locale.ROOT), k));
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String raw = header.get(i).strip();
            String name = byLower.get(raw.toLowerCase(Locale.ROOT));
            if (raw.isEmpty()) {
                problems.add(new Violation("header", "column " + (i + 1) + " has no name"));
            } else if (name == null) {
                problems.add(new Violation("header", "unknown column '" + abbreviate(raw) + "'; the columns are "
                        + String.join(", ", KNOWN)));
            } else if (positions.putIfAbsent(name, i) != null) {
                problems.add(new Violation("header", "column '" + name + "' appears more than once"));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String r : REQUIRED) {
            if (!positions.containsKey(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(new Violation("header", "missing required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing)));
        }
        return new ImportColumns(Map.copyOf(positions), header.size());
    }

    public boolean has(String column) {
        return positions.containsKey(column);
    }

    public int width() {
        return width;
    }

    /** The cells of one data record by column name (only the columns the header has). */
    public Map<String, String> cells(List<String> fields) {
        Map<String, String> cells = new LinkedHashMap<>();
        positions.forEach((name, i) -> cells.put(name, i < fields.size() ? fields.get(i) : null));
        return cells;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
