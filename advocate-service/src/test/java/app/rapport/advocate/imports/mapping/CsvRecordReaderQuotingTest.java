package app.rapport.advocate.imports.mapping;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The FastCSV adapter: quoting, line numbers, malformed records, BOM and line endings, each read
 * through readers that hand out 1, 2, 3, 7 and 8192 characters at a time, so that a CRLF, a quote
 * or a record split across two reads gives the same records as one read.
 */
class CsvRecordReaderQuotingTest {
    private static final int[] CHUNKS = {1, 2, 3, 7, 8192};

    /** Reads {@code csv} once per chunk size, checks they agree, and returns the records. */
    private static List<CsvRecordReader.Record> read(String csv, int maxField, int maxFields) throws IOException {
        List<CsvRecordReader.Record> first = null;
        for (int chunk : CHUNKS) {
            List<CsvRecordReader.Record> records = new ArrayList<>();
            try (CsvRecordReader r = new CsvRecordReader(new Trickle(csv, chunk), maxField, maxFields)) {
                CsvRecordReader.Record rec;
                while ((rec = r.next()) != null) {
                    records.add(rec);
                }
                assertNull(r.next(), "the end stays the end");
            }
            if (first == null) {
                first = records;
            } else {
                assertEquals(first, records, "read " + chunk + " characters at a time");
            }
        }
        return first;
    }

    private static List<CsvRecordReader.Record> read(String csv) throws IOException {
        return read(csv, 1000, 50);
    }

    private static CsvRecordReader.Record rec(long line, String error, String... fields) {
        return new CsvRecordReader.Record(line, List.of(fields), error);
    }

    @Test
    void doubledQuotesEmbeddedCommasAndLineBreaks() throws IOException {
        assertEquals(List.of(
                rec(1, null, "h1", "h2", "h3"),
                rec(2, null, "say \"hi\"", "a, b", "one\ntwo\nthree"),
                rec(5, null, "\"", "", ","),
                rec(6, null, "x\"y", "z")),
                read("h1,h2,h3\n\"say \"\"hi\"\"\",\"a, b\",\"one\ntwo\nthree\"\n\"\"\"\",\"\",\",\"\nx\"y,z\n"));
    }

    @Test
    void lineNumbersCountEveryPhysicalLineOfAMultiLineField() throws IOException {
        // a CRLF, a lone CR and a LF inside quotes are three lines; each reads as \n
        List<CsvRecordReader.Record> r = read("h,n\n\"a\r\nb\rc\nd\",1\r\n\nnext,2\n\"e\n\",\"f\ng\"\nlast,3");
        assertEquals(List.of(
                rec(1, null, "h", "n"),
                rec(2, null, "a\nb\nc\nd", "1"),
                rec(7, null, "next", "2"),
                rec(8, null, "e\n", "f\ng"),
                rec(11, null, "last", "3")), r);
    }

    @Test
    void aMalformedRowIsReportedAndTheRowsAfterItKeepTheirLines() throws IOException {
        List<CsvRecordReader.Record> r = read("h,n\n\"ok\",1\n\"Broken \"quote,2\nafter,3\n\"x\" ,4\n"
                + "\"multi\nline\",\"bad\"x,\"more\nlines\"\nend,5\n");
        assertEquals(List.of(
                rec(1, null, "h", "n"),
                rec(2, null, "ok", "1"),
                rec(3, "field 1 has text after its closing quote", "Broken quote", "2"),
                rec(4, null, "after", "3"),
                rec(5, "field 1 has text after its closing quote", "x ", "4"),
                rec(6, "field 2 has text after its closing quote", "multi\nline", "badx", "more\nlines"),
                rec(9, null, "end", "5")), r);
    }

    @Test
    void manyMalformedRowsInARow() throws IOException {
        StringBuilder csv = new StringBuilder("h,n\n");
        List<CsvRecordReader.Record> expected = new ArrayList<>();
        expected.add(rec(1, null, "h", "n"));
        long line = 2;
        for (int i = 0; i < 300; i++) {
            if (i % 3 == 0) {
                csv.append("\"row\"").append(i).append(",\"two\r\nlines\"\r\n");
                expected.add(rec(line, "field 1 has text after its closing quote", "row" + i, "two\nlines"));
                line += 2;
            } else {
                csv.append("row").append(i).append(",\"").append(i).append("\"\n");
                expected.add(rec(line, null, "row" + i, String.valueOf(i)));
                line++;
            }
        }
        assertEquals(expected, read(csv.toString()));
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpenedOn() throws IOException {
        List<CsvRecordReader.Record> r = read("h,n\na,\"one\ntwo\",\"never\r\nclosed\r");
        assertEquals(2, r.size());
        assertEquals(rec(2, "a quoted field opened on line 3 is never closed", "a", "one\ntwo", "never\nclosed\n"),
                r.get(1));
    }

    @Test
    void anUnclosedQuoteAtTheVeryEnd() throws IOException {
        assertEquals(List.of(rec(1, "a quoted field opened on line 1 is never closed", "x", "")), read("x,\""));
        assertEquals(List.of(rec(1, "a quoted field opened on line 1 is never closed", "ab\"\n")), read("\"ab\"\"\n"));
    }

    @Test
    void theFirstErrorOfARecordWins() throws IOException {
        assertEquals("a field is longer than 3 characters", read("abcdef,\"x\"y\n", 3, 50).get(0).error());
        assertEquals("has more than 2 fields", read("a,b,c,\"x\"y\n", 10, 2).get(0).error());
        assertEquals("a field is longer than 3 characters", read("\"abcdef", 3, 50).get(0).error());
    }

    @Test
    void byteOrderMarkAndCrlf() throws IOException {
        assertEquals(List.of(rec(1, null, "name", "email"), rec(2, null, "a", "b"), rec(4, null, "c", "")),
                read("\uFEFFname,email\r\na,b\r\n\r\nc,\r\n"));
        assertEquals(List.of(rec(1, null, "\uFEFFx")), read("\uFEFF\uFEFFx"), "only a leading mark is dropped");
        assertEquals(List.of(rec(1, null, "a"), rec(2, null, "b")), read("a\rb\r"), "a lone CR ends a record too");
    }

    @Test
    void emptyInputsHaveNoRecords() throws IOException {
        assertEquals(List.of(), read(""));
        assertEquals(List.of(), read("\uFEFF"));
        assertEquals(List.of(), read("\n\r\n\r"));
    }

    @Test
    void aRunawayQuoteIsOneRecordToTheEnd() throws IOException {
        String runaway = "x".repeat(CsvRecordReader.MAX_BUFFER_CHARS + 10);
        List<CsvRecordReader.Record> r = read("h\nok\n\"" + runaway + "\nlater\n", 10_000, 50);
        assertEquals(3, r.size());
        assertEquals(rec(2, null, "ok"), r.get(1));
        assertEquals(3, r.get(2).line());
        assertEquals("a field is longer than 10000 characters", r.get(2).error());
    }

    @Test
    void aMalformedRowAfterAVeryLongRecordIsStillReportedAlone() throws IOException {
        // longer than what is kept to read a record again, in fields FastCSV can hold
        String field = "y".repeat(CsvRecordReader.MAX_KEPT_CHARS / 2);
        List<CsvRecordReader.Record> r = read("h,n,o\n\"" + field + "\"," + field + ",\"" + field + "\"\r\n"
                + "\"bad\"x,1,2\nok,3,4\n", 10, 50);
        assertEquals(4, r.size());
        assertEquals(2, r.get(1).line());
        assertEquals("a field is longer than 10 characters", r.get(1).error());
        assertEquals(rec(3, "field 1 has text after its closing quote", "badx", "1", "2"), r.get(2));
        assertEquals(rec(4, null, "ok", "3", "4"), r.get(3));
    }

    /** Hands out at most {@code chunk} characters per read. */
    private static final class Trickle extends Reader {
        private final StringReader in;
        private final int chunk;

        Trickle(String s, int chunk) {
            this.in = new StringReader(s);
            this.chunk = chunk;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            return in.read(cbuf, off, Math.min(len, chunk));
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
