package app.rapport.advocate.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic CRM export for the import performance measurement (not a test):
 * {@code java -cp ... app.rapport.advocate.tools.GenerateImportCsv FILE [ROWS]}. Rows are
 * deterministic, 20 advocates per account, 50 owners, every tenth title quoted with a comma.
 * See advocate-service/src/test/perf/import-perf.sh.
 */
public final class GenerateImportCsv {
    private static final String[] INDUSTRIES = {"Software", "Banking", "Retail", "Healthcare", "Energy"};
    private static final String[] REGIONS = {"NA", "EMEA", "APAC", "LATAM"};
    private static final String[] SEGMENTS = {"Enterprise", "Mid-Market", "SMB"};
    private static final String[] ACTIVITIES = {"REFERENCE_CALL", "CASE_STUDY", "REVIEW", "SPEAKING",
            "ANALYST_BRIEFING", "PRESS", "WEBINAR", "PRODUCT_FEEDBACK"};

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "advocates.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("externalId,name,email,phone,title,accountId,accountName,industry,region,segment,ownerId,"
                    + "tags,activities\n");
            for (int i = 1; i <= rows; i++) {
                int account = i / 20;
                String title = i % 10 == 0 ? "\"Director, Customer Success\"" : "VP Engineering";
                w.write("crm-" + i + ",Advocate " + i + ",advocate." + i + "@example.com,+1 555 " + (1_000_000 + i)
                        + "," + title + ",acc-" + account + ",\"Company " + account + ", Inc.\","
                        + INDUSTRIES[account % INDUSTRIES.length] + "," + REGIONS[account % REGIONS.length] + ","
                        + SEGMENTS[account % SEGMENTS.length] + ",u-owner-" + (i % 50) + ",tag-" + (i % 7)
                        + ";product-" + (i % 13) + "," + ACTIVITIES[i % ACTIVITIES.length] + ";"
                        + ACTIVITIES[(i + 3) % ACTIVITIES.length] + "\n");
            }
        }
        System.out.println("wrote " + rows + " rows to " + file + " (" + Files.size(file) + " bytes)");
    }

    private GenerateImportCsv() {
    }
}
