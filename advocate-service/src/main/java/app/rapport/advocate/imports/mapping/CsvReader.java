package app.rapport.advocate.imports.mapping;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated fields, optionally quoted; inside quotes a doubled
 * quote is a quote, and commas and line breaks are data. Records end at CRLF, LF or CR. It holds one
 * record in memory at a time, and at most {@code maxFieldChars} characters of any field, so a file
 * of any size (or a runaway quote) reads in bounded memory.
 *
 * <p>Each record carries the number of the physical line it starts on (the first line is 1), and an
 * error when it is malformed (an unterminated quote, text after a closing quote, a field or record
 * too long); a malformed record never stops the reader. Blank lines are skipped; a leading UTF-8
 * byte order mark is ignored.
 */
public final class CsvReader implements Closeable {
    public static final int DEFAULT_MAX_FIELD_CHARS = 10_000;
    public static final int DEFAULT_MAX_FIELDS = 200;

    /** One record: its first line, its fields, and what is wrong with it (null when well-formed). */
    public record Record(long line, List<String> fields, String error) {
    }

    private enum State { START_FIELD, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final int maxFieldChars;
    private final int maxFields;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    private long line = 1;
    private boolean started;
    private boolean eof;

    public CsvReader(Reader in) {
        this(in, DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_FIELDS);
    }

    public CsvReader(Reader in, int maxFieldChars, int maxFields) {
        this.in = in;
        this.maxFieldChars = maxFieldChars;
        this.maxFields = maxFields;
    }

    /** The next record, or null at the end of the input. */
    public Record next() throws IOException {
        while (true) {
            Record r = readRecord();
            if (r == null) {
                return null;
            }
            boolean blank = r.error() == null && r.fields().size() == 1 && r.fields().get(0).isEmpty()
                    && !lastFieldQuoted;
            if (!blank) {
                return r;
            }
        }
    }

    private boolean lastFieldQuoted;

    private Record readRecord() throws IOException {
        if (eof) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String error = null;
        State state = State.START_FIELD;
        boolean anything = false;
        boolean quoted = false;
        long quoteLine = 0;
        while (true) {
            int c = read();
            if (c == -1) {
                eof = true;
                if (!anything) {
                    return null;
                }
                if (state == State.QUOTED) {
                    error = first(error, "a quoted field opened on line " + quoteLine + " is never closed");
                }
                error = addField(fields, field, error);
                lastFieldQuoted = quoted;
                return new Record(startLine, fields, error);
            }
            anything = true;
            if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                if (state == State.QUOTED) {
                    error = appendChecked(field, '\n', error);
                    continue;
                }
                error = addField(fields, field, error);
                lastFieldQuoted = quoted;
                return new Record(startLine, fields, error);
            }
            switch (state) {
                case START_FIELD -> {
                    quoted = false;
                    if (c == '"') {
                        state = State.QUOTED;
                        quoted = true;
                        quoteLine = line;
                    } else if (c == ',') {
                        error = addField(fields, field, error);
                    } else {
                        error = appendChecked(field, (char) c, error);
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (c == ',') {
                        error = addField(fields, field, error);
                        state = State.START_FIELD;
                    } else {
                        // a stray quote in an unquoted field is kept as data (lenient, like most tools)
                        error = appendChecked(field, (char) c, error);
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        error = appendChecked(field, (char) c, error);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (c == '"') {
                        error = appendChecked(field, '"', error);
                        state = State.QUOTED;
                    } else if (c == ',') {
                        error = addField(fields, field, error);
                        state = State.START_FIELD;
                    } else {
                        error = first(error, "field " + (fields.size() + 1) + " has text after its closing quote");
                        error = appendChecked(field, (char) c, error);
                        state = State.UNQUOTED;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private String addField(List<String> fields, StringBuilder field, String error) {
        if (fields.size() < maxFields) {
            fields.add(field.toString());
        } else {
            error = first(error, "has more than " + maxFields + " fields");
        }
        field.setLength(0);
        return error;
    }

    private String appendChecked(StringBuilder field, char c, String error) {
        if (field.length() < maxFieldChars) {
            field.append(c);
            return error;
        }
        return first(error, tooLong());
    }

    private String tooLong() {
        return "a field is longer than " + maxFieldChars + " characters";
    }

    private static String first(String existing, String error) {
        return existing != null ? existing : error;
    }

    private int read() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        char c = buffer[pos++];
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                return read();
            }
        }
        return c;
    }

    private int peek() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buffer[pos];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
