package app.rapport.advocate.imports.mapping;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RFC 4180 reader, without any framework. */
class CsvRecordReaderTest {

    private static List<CsvRecordReader.Record> read(String csv, int maxField) throws IOException {
        List<CsvRecordReader.Record> records = new ArrayList<>();
        try (CsvRecordReader r = new CsvRecordReader(new StringReader(csv), maxField, 50)) {
            CsvRecordReader.Record rec;
            while ((rec = r.next()) != null) {
                records.add(rec);
            }
        }
        return records;
    }

    private static List<CsvRecordReader.Record> read(String csv) throws IOException {
        return read(csv, 1000);
    }

    @Test
    void plainRecordsWithLineNumbers() throws IOException {
        List<CsvRecordReader.Record> r = read("a,b,c\n1,2,3\r\n4,,6");
        assertEquals(3, r.size());
        assertEquals(List.of("a", "b", "c"), r.get(0).fields());
        assertEquals(List.of("4", "", "6"), r.get(2).fields());
        assertEquals(List.of(1L, 2L, 3L), r.stream().map(CsvRecordReader.Record::line).toList());
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
        List<CsvRecordReader.Record> r = read("h1,h2\n\"Smith, Jane\",\"She said \"\"hi\"\"\"\n\"two\nlines\",x\nlast,y\n");
        assertEquals(List.of("Smith, Jane", "She said \"hi\""), r.get(1).fields());
        assertEquals(List.of("two\nlines", "x"), r.get(2).fields());
        assertEquals(3, r.get(2).line());
        assertEquals(5, r.get(3).line(), "the record after a two-line record starts on line 5");
        r.forEach(rec -> assertNull(rec.error()));
    }

    @Test
    void crlfInsideQuotesBecomesOneLineBreak() throws IOException {
        List<CsvRecordReader.Record> r = read("\"a\r\nb\",c\r\nd,e\r\n");
        assertEquals(List.of("a\nb", "c"), r.get(0).fields());
        assertEquals(3, r.get(1).line());
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        List<CsvRecordReader.Record> r = read("h\n\nx\n\n\ny\n");
        assertEquals(List.of(1L, 3L, 6L), r.stream().map(CsvRecordReader.Record::line).toList());
    }

    @Test
    void emptyTrailingFieldAndQuotedEmpty() throws IOException {
        List<CsvRecordReader.Record> r = read("a,\n\"\"\n");
        assertEquals(List.of("a", ""), r.get(0).fields());
        assertEquals(List.of(""), r.get(1).fields(), "a quoted empty field is a record, not a blank line");
    }

    @Test
    void byteOrderMarkIsIgnored() throws IOException {
        assertEquals(List.of("name", "email"), read("\uFEFFname,email\n").get(0).fields());
    }

    @Test
    void textAfterAClosingQuoteIsAnErrorForThatRecordOnly() throws IOException {
        List<CsvRecordReader.Record> r = read("\"a\"b,c\nok,1\n");
        assertNotNull(r.get(0).error());
        assertNull(r.get(1).error());
        assertEquals(List.of("ok", "1"), r.get(1).fields());
    }

    @Test
    void anUnterminatedQuoteIsReportedWithItsLine() throws IOException {
        List<CsvRecordReader.Record> r = read("h\nok\n\"never closed\nmore\n");
        assertEquals(3, r.size());
        assertNull(r.get(1).error());
        assertTrue(r.get(2).error().contains("opened on line 3"), r.get(2).error());
    }

    @Test
    void overlongFieldsAreCutAndFlagged() throws IOException {
        List<CsvRecordReader.Record> r = read("x".repeat(50) + ",y\nz\n", 10);
        assertTrue(r.get(0).error().contains("longer than 10"), r.get(0).error());
        assertEquals(10, r.get(0).fields().get(0).length());
        assertEquals(List.of("z"), r.get(1).fields());
    }
}
