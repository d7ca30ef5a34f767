package io.coinwatch.simulator;

import io.coinwatch.core.model.Candle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns a directory of {@code <SYMBOL>.csv} files into Trading USDT linear perpetuals whose candles are the file's rows.
 * Values are kept as written (BigDecimal from the text), so they are served digit for digit. A malformed file stops
 * start-up with the file and line in the message: serving half a file would look like exchange gaps.
 */
final class ReplayLoader {

    static final String HEADER = "openTime,open,high,low,close,volume,turnover";
    private static final String QUOTE = "USDT";

    private ReplayLoader() {
    }

    static List<Instrument> load(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Instrument> instruments = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                instruments.add(load(file, symbolOf(file)));
            }
            return instruments;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read replay directory " + directory, e);
        }
    }

    private static String symbolOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".csv".length()).toUpperCase(Locale.ROOT);
    }

    private static Instrument load(Path file, String symbol) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new IllegalArgumentException(file + ": first line must be " + HEADER);
        }
        TreeMap<Long, Candle> candles = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.isEmpty()) {
                Candle candle = parse(line, file, i + 1);
                candles.put(candle.openTime(), candle);
            }
        }
        if (candles.isEmpty()) {
            throw new IllegalArgumentException(file + ": no candles");
        }
        Candle first = candles.firstEntry().getValue();
        String baseCoin = symbol.endsWith(QUOTE) ? symbol.substring(0, symbol.length() - QUOTE.length()) : symbol;
        return Instrument.perpetual(symbol, baseCoin, QUOTE, first.openTime(), Math.max(0, first.close().scale()),
                Math.max(0, first.volume().scale()), first.close().doubleValue(), new RecordedCandleSeries(candles));
    }

    private static Candle parse(String line, Path file, int lineNumber) {
        String[] fields = line.split(",", -1);
        try {
            if (fields.length != 7) {
                throw new IllegalArgumentException("expected 7 fields, found " + fields.length);
            }
            return new Candle(Long.parseLong(fields[0].trim()), decimal(fields[1]), decimal(fields[2]),
                    decimal(fields[3]), decimal(fields[4]), decimal(fields[5]), decimal(fields[6]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private static BigDecimal decimal(String text) {
        return new BigDecimal(text.trim());
    }
}
