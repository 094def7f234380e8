import app.rapport.advocate.imports.mapping.CsvRecordReader;
import app.rapport.advocate.mapping.CsvReader;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one CSV file with each candidate, in rounds (each parser once per round, the order rotating
 * from round to round), after one untimed warm-up pass each, and prints the median time and rows per
 * second. Every parser must see the same records and characters, or the run stops. Not a test:
 * bench/csv-parsers/run.sh runs it (docs/benchmarks.md, "CSV parsers").
 */
public final class CsvParserBench {

    /** What a pass saw: records (header included) and the characters of all fields. */
    record Seen(long records, long chars) {
    }

    interface Parser {
        Seen parse(Reader in) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, Parser> parsers = new LinkedHashMap<>();
        parsers.put("hand-written CsvReader (before)", CsvParserBench::handWritten);
        parsers.put("CsvRecordReader (FastCSV 4.1.0 + adapter)", CsvParserBench::adapter);
        parsers.put("FastCSV 4.1.0, plain CsvRecord", CsvParserBench::fastCsv);
        parsers.put("Jackson CSV 2.21.2, String[] rows", CsvParserBench::jackson);
        parsers.put("Commons CSV 1.14.1, CSVRecord", CsvParserBench::commons);
        List<String> names = new ArrayList<>(parsers.keySet());

        System.out.printf("file %s: %,d bytes; %d rounds; %s %s; %d cpus%n", file.getFileName(), Files.size(file),
                rounds, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        Seen expected = null;
        for (String name : names) {
            Seen seen = parsers.get(name).parse(open(file));
            if (expected == null) {
                expected = seen;
            } else if (!expected.equals(seen)) {
                throw new IllegalStateException(name + " saw " + seen + ", the others " + expected);
            }
        }
        long rows = expected.records() - 1;
        System.out.printf("warm-up done: %,d data rows, %,d field characters each%n", rows, expected.chars());

        Map<String, long[]> nanos = new LinkedHashMap<>();
        names.forEach(n -> nanos.put(n, new long[rounds]));
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                long start = System.nanoTime();
                Seen seen = parsers.get(name).parse(open(file));
                long t = System.nanoTime() - start;
                if (!expected.equals(seen)) {
                    throw new IllegalStateException(name + " saw " + seen);
                }
                nanos.get(name)[round] = t;
                line.append(String.format(" %s %.0f ms;", name.split(" ")[0], t / 1e6));
            }
            System.out.println(line);
        }
        System.out.println();
        System.out.println("| parser | median ms | min–max ms | rows/s (median) |");
        System.out.println("|---|---|---|---|");
        for (String name : names) {
            long[] t = nanos.get(name).clone();
            Arrays.sort(t);
            long median = t[t.length / 2];
            System.out.printf("| %s | %.0f | %.0f–%.0f | %,.0f |%n", name, median / 1e6, t[0] / 1e6,
                    t[t.length - 1] / 1e6, rows / (median / 1e9));
        }
    }

    /** As the import opens its spool file: undecodable bytes become U+FFFD, 64 KiB buffer. */
    private static Reader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                64 * 1024);
    }

    private static Seen handWritten(Reader in) throws IOException {
        long records = 0;
        long chars = 0;
        try (CsvReader r = new CsvReader(in)) {
            CsvReader.Record rec;
            while ((rec = r.next()) != null) {
                records++;
                for (String f : rec.fields()) {
                    chars += f.length();
                }
            }
        }
        return new Seen(records, chars);
    }

    private static Seen adapter(Reader in) throws IOException {
        long records = 0;
        long chars = 0;
        try (CsvRecordReader r = new CsvRecordReader(in)) {
            CsvRecordReader.Record rec;
            while ((rec = r.next()) != null) {
                records++;
                for (String f : rec.fields()) {
                    chars += f.length();
                }
            }
        }
        return new Seen(records, chars);
    }

    private static Seen fastCsv(Reader in) throws IOException {
        long records = 0;
        long chars = 0;
        try (de.siegmar.fastcsv.reader.CsvReader<CsvRecord> r = de.siegmar.fastcsv.reader.CsvReader.builder()
                .allowExtraFields(true).allowMissingFields(true).ofCsvRecord(in)) {
            for (CsvRecord rec : r) {
                records++;
                for (String f : rec.getFields()) {
                    chars += f.length();
                }
            }
        }
        return new Seen(records, chars);
    }

    private static final CsvMapper JACKSON = new CsvMapper();

    private static Seen jackson(Reader in) throws IOException {
        long records = 0;
        long chars = 0;
        try (MappingIterator<String[]> it = JACKSON.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(in)) {
            while (it.hasNext()) {
                String[] rec = it.next();
                records++;
                for (String f : rec) {
                    chars += f.length();
                }
            }
        }
        return new Seen(records, chars);
    }

    private static final CSVFormat COMMONS = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private static Seen commons(Reader in) throws IOException {
        long records = 0;
        long chars = 0;
        try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.builder().setReader(in)
                .setFormat(COMMONS).get()) {
            for (CSVRecord rec : p) {
                records++;
                for (int i = 0; i < rec.size(); i++) {
                    chars += rec.get(i).length();
                }
            }
        }
        return new Seen(records, chars);
    }

    private CsvParserBench() {
    }
}
