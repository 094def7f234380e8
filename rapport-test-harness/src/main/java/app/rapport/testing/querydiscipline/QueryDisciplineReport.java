package app.rapport.testing.querydiscipline;

import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link QueryDisciplineListener} saw in this test JVM: every distinct query shape a service
 * sent, with its verdict ({@code ok} and the index, {@code named-scan}, or {@code violation} and why).
 */
public final class QueryDisciplineReport {
    private final List<Document> rows;

    private QueryDisciplineReport(List<Document> rows) {
        this.rows = rows;
    }

    /** This JVM's file: {@code target/query-discipline/<pid>.jsonl} under the module being tested. */
    static Path file() {
        return Path.of("target", "query-discipline", ProcessHandle.current().pid() + ".jsonl");
    }

    public static QueryDisciplineReport read() {
        Path f = file();
        if (!Files.exists(f)) {
            return new QueryDisciplineReport(List.of());
        }
        try {
            List<Document> rows = new ArrayList<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add(Document.parse(line));
                }
            }
            return new QueryDisciplineReport(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails unless the module's tests made the service send queries (so the listener was installed)
     * and every one of them was served by an index or is a named scan.
     */
    public void assertEveryQueryServed() {
        if (withVerdict("ok").isEmpty()) {
            throw new AssertionError("no query of the service was recorded in " + file().toAbsolutePath()
                    + ": is QueryDisciplineListener installed, and did this test run after the others?");
        }
        List<Document> errors = withVerdict("error");
        List<Document> violations = withVerdict("violation");
        if (!violations.isEmpty() || !errors.isEmpty()) {
            throw new AssertionError(violations.size() + " query shape(s) would be collection scans on MongoDB "
                    + "with notablescan (declare an index, or name an intended scan with comment(\"scan:...\")):"
                    + describe("violation") + (errors.isEmpty() ? "" : "\nlistener errors:" + describe("error")));
        }
    }

    public List<Document> rows() {
        return rows;
    }

    public List<Document> withVerdict(String verdict) {
        return rows.stream().filter(r -> verdict.equals(r.getString("verdict"))).toList();
    }

    /** A readable list of the rows with the given verdict. */
    public String describe(String verdict) {
        StringBuilder b = new StringBuilder();
        for (Document r : withVerdict(verdict)) {
            b.append("\n  ").append(r.getString("command")).append(' ').append(r.getString("ns"))
                    .append(' ').append(r.getString("filter"));
            if (r.getString("sort") != null) {
                b.append(" sort ").append(r.getString("sort"));
            }
            b.append(" at ").append(r.getString("callsite"));
            if (r.getString("comment") != null) {
                b.append(" [").append(r.getString("comment")).append(']');
            }
            if (r.getString("why") != null) {
                b.append("\n      ").append(r.getString("why"));
            }
        }
        return b.toString();
    }
}
