package io.coinwatch.fundamental.sentiment;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The sentiment of one coin on one source: score in [-1, 1] (null when no post fell in the window), how many posts it
 * rests on, and the counts behind it.
 */
public record SentimentReading(BigDecimal score, int samples, Map<String, Object> details) {
}
