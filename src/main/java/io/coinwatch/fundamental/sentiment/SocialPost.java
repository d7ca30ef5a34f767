package io.coinwatch.fundamental.sentiment;

import java.time.Instant;

/**
 * One post as a source read it: the text that is scored, how many people approved of it (upvotes, likes) and when
 * it was written.
 */
public record SocialPost(String text, long upvotes, Instant createdAt) {
}
