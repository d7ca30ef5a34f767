package io.coinwatch.fundamental.sentiment;

/** Read one coin's discussion on one source: the body of direct:sentiment-&lt;source&gt;. */
public record SentimentRequest(String source, String coinId, String handle) {

    /** How failures and the run name it, e.g. reddit:bitcoin. */
    public String label() {
        return source + ":" + coinId;
    }
}
