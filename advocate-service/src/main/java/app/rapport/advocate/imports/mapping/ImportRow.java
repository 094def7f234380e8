package app.rapport.advocate.imports.mapping;

import app.rapport.advocate.domain.Account;
import app.rapport.advocate.domain.Preferences;
import app.rapport.advocate.domain.Profile;
import app.rapport.advocate.domain.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One data row of an import, by column name. Only the columns in the file are applied: a column the
 * file does not have leaves that field as it is. A blank cell clears an optional field (phone,
 * title, industry, region, segment, tags, activities); a blank {@code externalId} never clears a
 * stored one (it only means "match by email").
 */
public record ImportRow(long line, Map<String, String> cells) {

    public boolean has(String column) {
        return cells.containsKey(column);
    }

    public String cell(String column) {
        return Text.clean(cells.get(column));
    }

    public String externalId() {
        return cell(ImportColumns.EXTERNAL_ID);
    }

    public String email() {
        return cell(ImportColumns.EMAIL);
    }

    public String ownerId() {
        return cell(ImportColumns.OWNER_ID);
    }

    /** The profile after applying this row to {@code base} (null: a new advocate). */
    public Profile applyTo(Profile base) {
        Profile b = base != null ? base : new Profile(null, null, null, null, null, null, List.of(), List.of(),
                Preferences.NONE);
        Account a = b.account() != null ? b.account() : new Account(null, null, null, null, null);
        Account account = new Account(
                pick(ImportColumns.ACCOUNT_ID, a.id()),
                pick(ImportColumns.ACCOUNT_NAME, a.name()),
                pick(ImportColumns.INDUSTRY, a.industry()),
                pick(ImportColumns.REGION, a.region()),
                pick(ImportColumns.SEGMENT, a.segment()));
        String externalId = externalId() != null ? externalId() : b.externalId();
        return new Profile(externalId,
                pick(ImportColumns.NAME, b.name()),
                pick(ImportColumns.EMAIL, b.email()),
                pick(ImportColumns.PHONE, b.phone()),
                pick(ImportColumns.TITLE, b.title()),
                account,
                has(ImportColumns.TAGS) ? split(cells.get(ImportColumns.TAGS)) : b.tags(),
                has(ImportColumns.ACTIVITIES) ? split(cells.get(ImportColumns.ACTIVITIES)) : b.activities(),
                b.preferences());
    }

    private String pick(String column, String current) {
        return has(column) ? cell(column) : current;
    }

    /** A list cell: values separated by {@code ;}, blanks dropped. */
    public static List<String> split(String cell) {
        List<String> values = new ArrayList<>();
        if (cell == null) {
            return values;
        }
        for (String part : cell.split(";")) {
            String v = Text.clean(part);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    /** The CSV column a profile field error is about ({@code account.id} → {@code accountId}). */
    public static String column(String field) {
        return switch (field) {
            case "account", "account.id" -> ImportColumns.ACCOUNT_ID;
            case "account.name" -> ImportColumns.ACCOUNT_NAME;
            case "account.industry" -> ImportColumns.INDUSTRY;
            case "account.region" -> ImportColumns.REGION;
            case "account.segment" -> ImportColumns.SEGMENT;
            default -> field;
        };
    }
}
