package io.coinwatch.fundamental.sentiment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.fundamental.CoinMetadataStore.CoinLinks;
import io.coinwatch.fundamental.FundamentalProperties;
import io.coinwatch.core.source.SourceException;
import io.coinwatch.core.source.SourceGuards;

/**
 * Reddit: the newest posts of the coin's subreddit (CoinGecko's links.subreddit_url) from the public JSON listing
 * /r/{sub}/new.json, which needs no credentials, only a descriptive User-Agent. Titles are scored; pinned (stickied)
 * posts are the moderators' and are left out.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class RedditSentimentRoutes extends SentimentSourceRoutes {

    private static final Pattern SUBREDDIT = Pattern.compile("reddit\\.com/r/([A-Za-z0-9_]{2,21})", Pattern.CASE_INSENSITIVE);

    private final FundamentalProperties.Reddit config;

    public RedditSentimentRoutes(ObjectMapper mapper, SourceGuards guards, FundamentalProperties properties,
                                 Clock clock) {
        super(mapper, guards, clock);
        this.config = properties.sentiment().reddit();
    }

    @Override
    public String name() {
        return "reddit";
    }

    @Override
    public Optional<String> notConfigured() {
        return config.enabled() ? Optional.empty() : Optional.of("switched off (coinwatch.fundamental.sentiment.reddit.enabled=false)");
    }

    @Override
    public Optional<String> handle(CoinLinks coin) {
        Matcher m = coin.subredditUrl() == null ? null : SUBREDDIT.matcher(coin.subredditUrl());
        return m != null && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public String path(SentimentRequest request) {
        return "/r/" + URLEncoder.encode(request.handle(), StandardCharsets.UTF_8) + "/new.json";
    }

    @Override
    public String query(SentimentRequest request) {
        return "limit=" + config.posts() + "&raw_json=1";
    }

    @Override
    public List<SocialPost> posts(JsonNode listing) {
        JsonNode children = listing.path("data").path("children");
        if (!children.isArray()) {
            throw new SourceException(name(), SourceException.Kind.MALFORMED, "listing without data.children");
        }
        List<SocialPost> posts = new ArrayList<>(children.size());
        for (JsonNode child : children) {
            JsonNode post = child.path("data");
            if (!post.path("stickied").asBoolean(false) && post.hasNonNull("title") && post.path("created_utc").isNumber()) {
                posts.add(new SocialPost(post.path("title").asText(), post.path("score").asLong(post.path("ups").asLong(0)),
                        Instant.ofEpochMilli(Math.round(post.path("created_utc").asDouble() * 1000))));
            }
        }
        return posts;
    }

    @Override
    public void prepare(Exchange request, String source) {
        request.getMessage().setHeader("User-Agent", config.userAgent());
    }
}
