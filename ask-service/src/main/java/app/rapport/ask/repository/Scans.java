package app.rapport.ask.repository;

/**
 * The only queries of ask-service that are meant to read more than an index prefix selects: each
 * is sent with {@code FindIterable.comment(...)} set to one of these, so the query-discipline check
 * of the test harness (and anyone reading the server's logs) knows them. Listed in docs/eligibility.md.
 */
public final class Scans {
    /** GET /api/suggestions: every ACTIVE advocate opted in to the activity is a candidate. */
    public static final String SUGGESTIONS = "scan:suggestions";
    /** The one-off rebuild of the usage ledgers from asks and views (LedgerRebuild). */
    public static final String REBUILD_LEDGERS = "scan:rebuild-ledgers";

    private Scans() {
    }
}
