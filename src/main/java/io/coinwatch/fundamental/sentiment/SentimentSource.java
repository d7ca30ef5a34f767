package io.coinwatch.fundamental.sentiment;

import java.util.Optional;

import io.coinwatch.fundamental.CoinMetadataStore.CoinLinks;

/**
 * A place where people talk about coins. Each source is a bean with its own route, direct:sentiment-&lt;name&gt;,
 * which takes a {@link SentimentRequest} and answers the {@link SocialPost}s it read; the sentiment run scores them
 * the same way for every source. Adding a source is adding one such class (see {@link SentimentSourceRoutes}).
 */
public interface SentimentSource {

    /** The source's name: its route is direct:sentiment-&lt;name&gt;, and the API lists it under this name. */
    String name();

    /** Why the source cannot run (a missing credential, switched off), or empty when it can. */
    Optional<String> notConfigured();

    /** Where this coin is discussed on the source (a subreddit, an account), or empty when its metadata names none. */
    Optional<String> handle(CoinLinks coin);
}
