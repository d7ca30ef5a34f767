package io.coinwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.coinwatch.simulator.SimulatorHttp.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class RedditApiTest {

    @RegisterExtension
    static final RunningSimulator simulator = new RunningSimulator(Map.of("symbols", "5"));

    @Test
    void newListsTheSubredditsPostsNewestFirstInRedditsListingFormat() {
        JsonNode listing = simulator.json("/r/Bitcoin/new.json?limit=100");
        assertThat(listing.get("kind").asText()).isEqualTo("Listing");
        JsonNode children = listing.get("data").get("children");
        assertThat(children).hasSize(RedditApi.POSTS);
        assertThat(listing.get("data").get("after").isNull()).isTrue();
        JsonNode first = children.get(0);
        assertThat(first.get("kind").asText()).isEqualTo("t3");
        for (String field : List.of("id", "name", "subreddit", "title", "score", "ups", "upvote_ratio", "num_comments",
                "created_utc", "permalink", "stickied")) {
            assertThat(first.get("data").has(field)).as(field).isTrue();
        }
        List<Double> created = StreamSupport.stream(children.spliterator(), false)
                .map(c -> c.get("data").get("created_utc").asDouble()).toList();
        assertThat(created).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        long dayAgo = NOW.minus(Duration.ofHours(24)).getEpochSecond();
        assertThat(created.stream().filter(t -> t >= dayAgo)).as("posts of the last 24 hours").hasSize(27);
        assertThat(first.get("data").get("subreddit").asText()).isEqualTo("Bitcoin");
    }

    @Test
    void theSameSubredditReadsTheSameAndSubredditsDiffer() {
        assertThat(titles("/r/Bitcoin/new.json?limit=100")).isEqualTo(titles("/r/bitcoin/new.json?limit=100"));
        assertThat(titles("/r/Bitcoin/new.json?limit=100")).isNotEqualTo(titles("/r/dogecoin/new.json?limit=100"));
    }

    @Test
    void limitAndAfterPageThroughThePosts() {
        JsonNode page1 = simulator.json("/r/solana/new.json").get("data");
        assertThat(page1.get("children")).as("default limit").hasSize(25);
        String after = page1.get("after").asText();
        JsonNode page2 = simulator.json("/r/solana/new.json?limit=25&after=" + after).get("data");
        assertThat(page2.get("children")).hasSize(RedditApi.POSTS - 25);
        assertThat(page2.get("after").isNull()).isTrue();
        List<String> all = new ArrayList<>(titles("/r/solana/new.json?limit=100"));
        assertThat(all.subList(25, RedditApi.POSTS)).isEqualTo(titles("/r/solana/new.json?limit=25&after=" + after));
        assertThat(simulator.get("/r/solana/new.json?limit=101").status()).isEqualTo(400);
    }

    @Test
    void hotSortsByScoreAndAboutCountsSubscribers() {
        List<Long> scores = StreamSupport.stream(simulator.json("/r/ethereum/hot.json?limit=100").get("data").get("children")
                .spliterator(), false).map(c -> c.get("data").get("score").asLong()).toList();
        assertThat(scores).hasSize(RedditApi.POSTS).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        JsonNode about = simulator.json("/r/ethereum/about.json");
        assertThat(about.get("kind").asText()).isEqualTo("t5");
        assertThat(about.get("data").get("subscribers").asLong()).isPositive();
        assertThat(simulator.get("/r/ethereum/top.json").status()).isEqualTo(404);
        assertThat(simulator.get("/r/ethereum/new.json").json().has("data")).isTrue();
    }

    @Test
    void aBanOrThrottleAnswers429WithTheResetTime() {
        simulator.faults().failNext(1, ResponseFault.throttle(Duration.ofSeconds(3)), RequestMatch.subject("Bitcoin"));
        SimulatorHttp.Reply throttled = simulator.get("/r/Bitcoin/new.json");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("x-ratelimit-reset")).isEqualTo("3");
        assertThat(simulator.get("/r/Bitcoin/new.json").status()).isEqualTo(200);

        simulator.faults().ban(Api.REDDIT, Duration.ofSeconds(5));
        assertThat(simulator.get("/r/Bitcoin/new.json").status()).isEqualTo(429);
        assertThat(simulator.get("/v5/market/instruments-info?category=linear").status()).as("other APIs unaffected").isEqualTo(200);
        assertThat(simulator.server().requestLog().count("/r/Bitcoin/new.json", "Bitcoin")).isEqualTo(3);
    }

    private static List<String> titles(String path) {
        return StreamSupport.stream(simulator.json(path).get("data").get("children").spliterator(), false)
                .map(c -> c.get("data").get("title").asText()).toList();
    }
}
