package io.coinwatch.fundamental.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class LexiconScorerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final LexiconScorer scorer = new LexiconScorer(Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTextScoresTheMeanWeightOfItsLexiconWords() {
        assertThat(LexiconScorer.textScore("Very bullish, the rally continues")).isEqualTo(1.0);
        assertThat(LexiconScorer.textScore("Is it a scam? Lost a lot")).isEqualTo(-0.75);
        assertThat(LexiconScorer.textScore("Strong week but a dump today")).isEqualTo(-0.25);
        assertThat(LexiconScorer.textScore("Daily discussion thread")).isZero();
    }

    @Test
    void aNegationOneOrTwoWordsBeforeFlipsTheWord() {
        assertThat(LexiconScorer.textScore("I am not bullish")).isEqualTo(-1.0);
        assertThat(LexiconScorer.textScore("This is no scam")).isEqualTo(1.0);
        assertThat(LexiconScorer.textScore("Never a crash")).as("two words back").isEqualTo(1.0);
        assertThat(LexiconScorer.textScore("not the usual thing, still bullish")).as("three words back").isEqualTo(1.0);
    }

    @Test
    void postsWeighByUpvotesAndOnlyTheWindowCounts() {
        List<SocialPost> posts = List.of(
                new SocialPost("bullish", 0, NOW.minusSeconds(60)),            // +1, weight 1
                new SocialPost("crash", 99, NOW.minus(Duration.ofHours(23))),   // -1, weight 1 + ln(100)
                new SocialPost("daily thread", 5, NOW.minus(Duration.ofHours(2))), // 0, weight 1 + ln(6)
                new SocialPost("moon", 1_000_000, NOW.minus(Duration.ofHours(25)))); // outside the window
        SentimentReading reading = scorer.score(posts);

        double w2 = 1 + Math.log(100);
        double w3 = 1 + Math.log(6);
        assertThat(reading.samples()).isEqualTo(3);
        assertThat(reading.score().doubleValue()).isCloseTo((1 - w2) / (1 + w2 + w3), within(0.00005));
        assertThat(reading.score().scale()).isEqualTo(4);
        assertThat(reading.details()).containsEntry("read", 4).containsEntry("inWindow", 3).containsEntry("bullish", 1)
                .containsEntry("bearish", 1).containsEntry("neutral", 1).containsEntry("upvotes", 104L);
    }

    @Test
    void noPostInTheWindowHasNoScore() {
        SentimentReading reading = scorer.score(List.of(new SocialPost("moon", 3, NOW.minus(Duration.ofDays(2)))));
        assertThat(reading.score()).isNull();
        assertThat(reading.samples()).isZero();
        assertThat(scorer.score(List.of(new SocialPost("bullish", 0, NOW))).score()).isEqualByComparingTo(BigDecimal.ONE);
    }
}
