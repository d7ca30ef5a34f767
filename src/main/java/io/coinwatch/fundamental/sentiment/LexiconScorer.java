package io.coinwatch.fundamental.sentiment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores posts with a small crypto lexicon, the same way for every source (README, "Sentiment scoring"):
 * <ol>
 *   <li>a post's text is split into lower-case words; each lexicon word counts its weight (+1 or +0.5 bullish, -1 or
 *       -0.5 bearish), with the sign flipped when "not", "no", "never" (...) stands one or two words before it;</li>
 *   <li>the post's score is the mean weight of its lexicon words, in [-1, 1]; 0 when it has none (neutral);</li>
 *   <li>each post weighs 1 + ln(1 + upvotes), so a popular post counts more without drowning the rest;</li>
 *   <li>the coin's score is the weighted mean over the posts of the window (24 h by default), rounded to 4 decimals;
 *       null when the window holds no post.</li>
 * </ol>
 */
public class LexiconScorer {

    static final Map<String, Double> LEXICON = Map.ofEntries(
            Map.entry("bullish", 1.0), Map.entry("bull", 1.0), Map.entry("bulls", 1.0), Map.entry("moon", 1.0),
            Map.entry("rally", 1.0), Map.entry("surge", 1.0), Map.entry("surges", 1.0), Map.entry("soar", 1.0),
            Map.entry("soars", 1.0), Map.entry("breakout", 1.0), Map.entry("breaks", 0.5), Map.entry("ath", 1.0),
            Map.entry("adoption", 1.0), Map.entry("partnership", 1.0), Map.entry("gains", 1.0), Map.entry("profit", 1.0),
            Map.entry("approved", 1.0), Map.entry("upgrade", 0.5), Map.entry("bought", 0.5), Map.entry("buy", 0.5),
            Map.entry("buying", 0.5), Map.entry("holding", 0.5), Map.entry("hodl", 0.5), Map.entry("strong", 0.5),
            Map.entry("growing", 0.5), Map.entry("growth", 0.5), Map.entry("huge", 0.5), Map.entry("great", 0.5),
            Map.entry("good", 0.5), Map.entry("love", 0.5), Map.entry("undervalued", 0.5),
            Map.entry("bearish", -1.0), Map.entry("bear", -1.0), Map.entry("bears", -1.0), Map.entry("crash", -1.0),
            Map.entry("crashes", -1.0), Map.entry("dump", -1.0), Map.entry("dumps", -1.0), Map.entry("dumping", -1.0),
            Map.entry("scam", -1.0), Map.entry("hack", -1.0), Map.entry("hacked", -1.0), Map.entry("exploit", -1.0),
            Map.entry("rug", -1.0), Map.entry("rugpull", -1.0), Map.entry("fraud", -1.0), Map.entry("dead", -1.0),
            Map.entry("collapse", -1.0), Map.entry("plunge", -1.0), Map.entry("plunges", -1.0), Map.entry("lawsuit", -1.0),
            Map.entry("liquidated", -1.0), Map.entry("selling", -0.5), Map.entry("sell", -0.5), Map.entry("sold", -0.5),
            Map.entry("lost", -0.5), Map.entry("loss", -0.5), Map.entry("losses", -0.5), Map.entry("fear", -0.5),
            Map.entry("fud", -0.5), Map.entry("risky", -0.5), Map.entry("drop", -0.5), Map.entry("drops", -0.5),
            Map.entry("weak", -0.5), Map.entry("careful", -0.5), Map.entry("warning", -0.5), Map.entry("rumours", -0.5),
            Map.entry("rumors", -0.5), Map.entry("unlock", -0.5), Map.entry("overvalued", -0.5));
    static final Set<String> NEGATIONS = Set.of("not", "no", "never", "dont", "don't", "isnt", "isn't", "aint", "ain't",
            "without", "nothing");

    private final Duration window;
    private final Clock clock;

    public LexiconScorer(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    public SentimentReading score(List<SocialPost> posts) {
        Instant since = clock.instant().minus(window);
        double weighted = 0;
        double weights = 0;
        int samples = 0;
        int bullish = 0;
        int bearish = 0;
        long upvotes = 0;
        for (SocialPost post : posts) {
            if (post.createdAt().isBefore(since)) {
                continue;
            }
            double score = textScore(post.text());
            double weight = 1 + Math.log1p(Math.max(0, post.upvotes()));
            weighted += score * weight;
            weights += weight;
            samples++;
            bullish += score > 0 ? 1 : 0;
            bearish += score < 0 ? 1 : 0;
            upvotes += Math.max(0, post.upvotes());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("read", posts.size());
        details.put("inWindow", samples);
        details.put("windowHours", window.toHours());
        details.put("bullish", bullish);
        details.put("bearish", bearish);
        details.put("neutral", samples - bullish - bearish);
        details.put("upvotes", upvotes);
        BigDecimal score = samples == 0 ? null : BigDecimal.valueOf(weighted / weights).setScale(4, RoundingMode.HALF_EVEN);
        return new SentimentReading(score, samples, details);
    }

    /** One text's score: the mean weight of its lexicon words, negated ones flipped; 0 without any. */
    public static double textScore(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^a-z0-9']+");
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < words.length; i++) {
            Double weight = LEXICON.get(words[i]);
            if (weight == null) {
                continue;
            }
            boolean negated = i >= 1 && NEGATIONS.contains(words[i - 1]) || i >= 2 && NEGATIONS.contains(words[i - 2]);
            sum += negated ? -weight : weight;
            hits++;
        }
        return hits == 0 ? 0 : sum / hits;
    }
}
