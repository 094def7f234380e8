package app.rapport.advocate.imports.mapping;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads an import CSV with FastCSV (RFC 4180: comma-separated fields, optionally quoted; inside
 * quotes a doubled quote is a quote, and commas and line breaks are data; records end at CRLF, LF or
 * CR). It streams: FastCSV holds one field at a time, this class one record, and a field is cut at
 * {@code maxFieldChars} characters, so a file of any size reads in bounded memory.
 *
 * <p>Each record carries the number of the physical line it starts on (the first line is 1; a
 * quoted line break starts a new line, CRLF counts once), and an error when it is malformed; a
 * malformed record never stops the reader. Blank lines are skipped, a leading UTF-8 byte order mark
 * is ignored, and a line break inside quotes (CRLF, LF or CR) reads as {@code \n}. The errors, the
 * first one of a record winning: text after a closing quote, a quoted field never closed, a field
 * longer than {@code maxFieldChars}, more than {@code maxFields} fields.
 *
 * <p>What FastCSV does not do itself is done around it, without parsing anything twice:
 * <ul>
 *   <li>An unclosed quote: FastCSV reads it to the end of the input without complaint. So the input
 *   is followed by a marker line holding a character no decoder produces (a lone low surrogate); a
 *   quoted field that ends with the marker was never closed, and a record that is the marker is the
 *   end of the input.</li>
 *   <li>Text after a closing quote: FastCSV either keeps it silently or throws, and after throwing
 *   it cannot go on. So the reader is strict, and the characters of the current record are kept
 *   (see {@link Tap}): when it throws, that record is read again leniently from its first line, only
 *   to find where it ends, and a new strict reader takes over at the next line.</li>
 *   <li>A field longer than FastCSV's buffer ({@value #MAX_BUFFER_CHARS} characters, far beyond
 *   {@code maxFieldChars}) is in practice a quote never closed: that record is rejected as too long
 *   and, as for an unclosed quote, the rest of the input belongs to it.</li>
 * </ul>
 */
public final class CsvRecordReader implements Closeable {
    public static final int DEFAULT_MAX_FIELD_CHARS = 10_000;
    public static final int DEFAULT_MAX_FIELDS = 200;
    /** FastCSV's buffer (2 MiB): it must hold the longest field (then cut to {@code maxFieldChars}). */
    static final int MAX_BUFFER_CHARS = 1024 * 1024;
    /** The most characters kept to read a malformed record again; past that the rest of the input is that record. */
    static final int MAX_KEPT_CHARS = 1024 * 1024;

    /** Ends the input: no charset decoder produces a lone surrogate (bad bytes become U+FFFD). */
    static final char END = '\uDC00';

    /** One record: its first line, its fields, and what is wrong with it (null when well-formed). */
    public record Record(long line, List<String> fields, String error) {
    }

    private final Source source;
    private final int maxFieldChars;
    private final int maxFields;
    private Tap tap;
    private Fields fields;
    private Iterator<Record> records;
    private boolean finished;

    public CsvRecordReader(Reader in) {
        this(in, DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_FIELDS);
    }

    public CsvRecordReader(Reader in, int maxFieldChars, int maxFields) {
        this.source = new Source(in);
        this.maxFieldChars = maxFieldChars;
        this.maxFields = maxFields;
        startAt(1, false);
    }

    /** The next record, or null at the end of the input. */
    public Record next() throws IOException {
        while (!finished) {
            try {
                if (records.hasNext()) {
                    return records.next();
                }
                finished = true;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (CsvParseException e) {
                return malformed(e);
            }
        }
        return null;
    }

    private void startAt(long line, boolean lenient) {
        tap = new Tap(source, line);
        fields = new Fields(line - 1, tap, maxFieldChars, maxFields);
        records = CsvReader.builder()
                .allowExtraCharsAfterClosingQuote(lenient)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .skipEmptyLines(true)
                .maxBufferSize(MAX_BUFFER_CHARS)
                .build(fields, tap)
                .iterator();
    }

    /** The record FastCSV gave up on, and the reader set to go on after it. */
    private Record malformed(CsvParseException e) throws IOException {
        long line = fields.line;
        List<String> sofar = new ArrayList<>(fields.values);
        if (!isTextAfterClosingQuote(e)) {
            if (!isBufferFull(e)) {
                throw e;
            }
            finished = true;
            return new Record(line, sofar, first(fields.error, tooLong()));
        }
        String error = first(fields.error, "field " + (Math.min(sofar.size(), maxFields) + 1)
                + " has text after its closing quote");
        if (!tap.rewindTo(line)) {
            finished = true;
            return new Record(line, sofar, error);
        }
        // read that record again, leniently: its fields (text after a quote kept) and the lines it spans
        startAt(line, true);
        Fields lenient = fields;
        Record again;
        try {
            again = records.hasNext() ? records.next() : null;
        } catch (CsvParseException full) {
            finished = true;
            return new Record(line, sofar, error);
        } catch (UncheckedIOException io) {
            throw io.getCause();
        }
        if (again == null || lenient.ended) {
            finished = true;
            return new Record(line, again == null ? sofar : again.fields(), error);
        }
        long nextLine = line + lenient.breaks + 1;
        if (!tap.rewindTo(nextLine)) {
            finished = true;
        } else {
            startAt(nextLine, false);
        }
        return new Record(line, again.fields(), error);
    }

    private static boolean isTextAfterClosingQuote(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Unexpected character after closing quote")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBufferFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("maximum buffer size")) {
                return true;
            }
        }
        return false;
    }

    private String tooLong() {
        return "a field is longer than " + maxFieldChars + " characters";
    }

    private static String first(String existing, String error) {
        return existing != null ? existing : error;
    }

    @Override
    public void close() throws IOException {
        source.in.close();
    }

    /** Builds one {@link Record} from FastCSV's callbacks, and applies the limits. */
    private static final class Fields extends CsvCallbackHandler<Record> {
        private final long lineOffset;
        private final Tap tap;
        private final int maxFieldChars;
        private final int maxFields;
        long line;
        List<String> values = new ArrayList<>();
        String error;
        /** Line breaks inside the quoted fields of the record so far. */
        long breaks;
        /** The record reached the end of the input (inside a quote, or as the end marker). */
        boolean ended;
        private boolean empty;
        private int seen;

        Fields(long lineOffset, Tap tap, int maxFieldChars, int maxFields) {
            this.lineOffset = lineOffset;
            this.tap = tap;
            this.maxFieldChars = maxFieldChars;
            this.maxFields = maxFields;
        }

        @Override
        protected RecordType getRecordType() {
            return empty ? RecordType.EMPTY : RecordType.DATA;
        }

        @Override
        protected int getFieldCount() {
            return seen;
        }

        @Override
        protected void beginRecord(long startingLineNumber) {
            line = startingLineNumber + lineOffset;
            values = new ArrayList<>();
            error = null;
            breaks = 0;
            empty = false;
            seen = 0;
            tap.keepFrom(line);
        }

        @Override
        protected void addField(char[] buf, int offset, int len, boolean quoted) {
            seen++;
            String value;
            if (quoted) {
                long opened = line + breaks;
                value = lineBreaksAsLf(buf, offset, len);
                int end = value.length();
                if (end >= 2 && value.charAt(end - 1) == '\n' && value.charAt(end - 2) == END) {
                    // the marker after the input is inside this field: its quote was never closed
                    end -= 2;
                    if (tap.source.markerHasLineBreak) {
                        end--;
                    }
                    value = value.substring(0, end);
                    ended = true;
                    if (value.length() > maxFieldChars) {
                        error = first(error, tooLong());
                    }
                    error = first(error, "a quoted field opened on line " + opened + " is never closed");
                }
            } else {
                if (len == 1 && buf[offset] == END && seen == 1) {
                    ended = true;
                    return;
                }
                value = new String(buf, offset, len);
            }
            if (value.length() > maxFieldChars) {
                value = value.substring(0, maxFieldChars);
                error = first(error, tooLong());
            }
            if (values.size() < maxFields) {
                values.add(value);
            } else {
                error = first(error, "has more than " + maxFields + " fields");
            }
        }

        /** The field with each line break (CRLF, LF or CR) as {@code \n}, counting them in {@link #breaks}. */
        private String lineBreaksAsLf(char[] buf, int offset, int len) {
            int end = offset + len;
            int i = offset;
            for (; i < end && buf[i] != '\r'; i++) {
                if (buf[i] == '\n') {
                    breaks++;
                }
            }
            if (i == end) {
                return new String(buf, offset, len);
            }
            StringBuilder sb = new StringBuilder(len).append(buf, offset, i - offset);
            for (; i < end; i++) {
                char c = buf[i];
                if (c == '\r' || c == '\n') {
                    if (c == '\r' && i + 1 < end && buf[i + 1] == '\n') {
                        i++;
                    }
                    sb.append('\n');
                    breaks++;
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        private String tooLong() {
            return "a field is longer than " + maxFieldChars + " characters";
        }

        @Override
        protected void setComment(char[] buf, int offset, int len) {
            // comments are off (CommentStrategy.NONE): never called
        }

        @Override
        protected void setEmpty() {
            empty = true;
        }

        @Override
        protected Record buildRecord() {
            if (ended && values.isEmpty() && error == null && seen == 1) {
                return null; // the end marker
            }
            return new Record(line, values, error);
        }
    }

    /**
     * The input as FastCSV gets it: without a leading byte order mark, followed by the end marker
     * line, and with characters pushed back when a reader hands over to another.
     */
    static final class Source {
        final Reader in;
        private char[] back = new char[0];
        private int backPos;
        private boolean bomChecked;
        private boolean any;
        private boolean eof;
        /** A character read ahead to see whether a CR is followed by LF; -1: none. */
        private int peeked = -1;
        private char last;
        private char[] marker;
        private int markerPos;
        boolean markerHasLineBreak;

        Source(Reader in) {
            this.in = in;
        }

        int read(char[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (backPos < back.length) {
                int n = Math.min(len, back.length - backPos);
                System.arraycopy(back, backPos, b, off, n);
                backPos += n;
                return n;
            }
            while (!eof) {
                int n;
                if (peeked >= 0) {
                    b[off] = (char) peeked;
                    peeked = -1;
                    int m = len > 1 ? in.read(b, off + 1, len - 1) : 0;
                    n = 1 + Math.max(m, 0);
                } else {
                    n = in.read(b, off, len);
                }
                if (n < 0) {
                    eof = true;
                    // a line break ends the last record first, unless the input ends with one
                    markerHasLineBreak = any && last != '\n' && last != '\r';
                    marker = markerHasLineBreak ? new char[] {'\n', END, '\n'} : new char[] {END, '\n'};
                    break;
                }
                if (n > 0 && !bomChecked) {
                    bomChecked = true;
                    if (b[off] == '\uFEFF') {
                        System.arraycopy(b, off + 1, b, off, n - 1);
                        n--;
                    }
                }
                if (n > 0) {
                    loneCrAsLf(b, off, off + n);
                    any = true;
                    last = b[off + n - 1];
                    return n;
                }
            }
            if (markerPos >= marker.length) {
                return -1;
            }
            int n = Math.min(len, marker.length - markerPos);
            System.arraycopy(marker, markerPos, b, off, n);
            markerPos += n;
            return n;
        }

        /**
         * A CR not followed by LF becomes LF: the same line break (a record end, or {@code \n} inside
         * quotes). FastCSV 4.1.0 loses a record whose quoted field holds a lone CR when the record
         * ends with LF right after the closing quote ({@code "a\rb"\n}); with no lone CR left it
         * never meets that case.
         */
        private void loneCrAsLf(char[] b, int from, int to) throws IOException {
            for (int i = from; i < to; i++) {
                if (b[i] == '\r') {
                    if (i + 1 < to) {
                        if (b[i + 1] != '\n') {
                            b[i] = '\n';
                        }
                    } else {
                        int c = in.read();
                        if (c != '\n') {
                            b[i] = '\n';
                        }
                        peeked = c;
                    }
                }
            }
        }

        int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        void unread(char[] c, int off, int len) {
            char[] joined = new char[len + back.length - backPos];
            System.arraycopy(c, off, joined, 0, len);
            System.arraycopy(back, backPos, joined, len, back.length - backPos);
            back = joined;
            backPos = 0;
        }
    }

    /**
     * What one FastCSV reader reads from the {@link Source}, with the characters from the first line
     * of its current record on kept, so that another reader can take over from any line of it.
     */
    static final class Tap extends Reader {
        final Source source;
        private char[] kept = new char[16 * 1024];
        private int start;
        private int end;
        private long startLine;
        /** {@code kept[start - 1]} was a CR whose LF, if any, has not been read yet. */
        private boolean lfPending;
        /** {@code kept[start]} is not the start of {@code startLine} but somewhere inside it (see {@link #forget}). */
        private boolean partial;
        private boolean keeping = true;

        Tap(Source source, long line) {
            this.source = source;
            this.startLine = line;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            int n = source.read(cbuf, off, len);
            if (n > 0 && keeping) {
                keep(cbuf, off, n);
            }
            return n;
        }

        private void keep(char[] c, int off, int n) {
            if (end + n > kept.length) {
                if (end - start + n > MAX_KEPT_CHARS) {
                    // half of it at least, so that a long record costs each character one copy or two
                    forget(Math.max(end - start + n - MAX_KEPT_CHARS, (end - start) / 2));
                }
                int live = end - start;
                char[] to = live + n > kept.length ? new char[Math.max(kept.length * 2, live + n)] : kept;
                System.arraycopy(kept, start, to, 0, live);
                kept = to;
                start = 0;
                end = live;
            }
            System.arraycopy(c, off, kept, end, n);
            end += n;
            if (lfPending && end > start) {
                if (kept[start] == '\n') {
                    start++;
                }
                lfPending = false;
            }
        }

        /**
         * Drops at least {@code count} of the oldest characters kept (a record longer than
         * {@link #MAX_KEPT_CHARS}): that record can no longer be read again, the ones after it can.
         */
        private void forget(int count) {
            int cut = Math.min(end, start + count);
            if (cut < end && kept[cut - 1] == '\r' && kept[cut] == '\n') {
                cut++;
            }
            for (int p = start; p < cut; p++) {
                if (kept[p] == '\n' || kept[p] == '\r' && (p + 1 >= end || kept[p + 1] != '\n')) {
                    startLine++;
                }
            }
            char lastCut = kept[cut - 1];
            partial = !(lastCut == '\n' || lastCut == '\r');
            lfPending = cut == end && lastCut == '\r';
            start = cut;
        }

        /** Forgets what comes before {@code line} (a record starts there). */
        void keepFrom(long line) {
            if (!keeping) {
                return;
            }
            seek(line);
        }

        /**
         * Hands the characters from the start of {@code line} on back to the source, for the next
         * reader; false when they are no longer kept.
         */
        boolean rewindTo(long line) throws IOException {
            if (!keeping || !seek(line)) {
                return false;
            }
            source.unread(kept, start, end - start);
            if (lfPending && start == end) {
                int c = source.read();
                if (c >= 0 && c != '\n') {
                    source.unread(new char[] {(char) c}, 0, 1);
                }
            }
            keeping = false;
            kept = null;
            return true;
        }

        /** Moves {@code start} to the start of {@code line}; false if that line has not been read. */
        private boolean seek(long line) {
            if (line < startLine || line == startLine && partial) {
                return false;
            }
            int p = start;
            boolean pending = lfPending;
            long l = startLine;
            while (l < line) {
                while (p < end && kept[p] != '\n' && kept[p] != '\r') {
                    p++;
                }
                if (p >= end) {
                    return false;
                }
                if (kept[p++] == '\r') {
                    if (p < end) {
                        if (kept[p] == '\n') {
                            p++;
                        }
                        pending = false;
                    } else {
                        pending = true;
                    }
                } else {
                    pending = false;
                }
                l++;
            }
            if (l > startLine) {
                partial = false;
            }
            start = p;
            startLine = l;
            lfPending = pending;
            return true;
        }

        @Override
        public void close() {
            // the source is closed by the CsvRecordReader
        }
    }
}
