package io.coinwatch.fundamental.sentiment;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.fundamental.CoinMetadataStore.CoinLinks;
import io.coinwatch.fundamental.FundamentalProperties;
import io.coinwatch.core.source.SourceGuards;

/**
 * Twitter/X through RapidAPI, as the original read it: GET /user/tweets?username={links.twitter_screen_name}&limit=100
 * with X-RapidAPI-Key and X-RapidAPI-Host, tweets under data with text, created_at and public_metrics; likes and
 * retweets are its upvotes. It needs a RapidAPI key and host, so without them it is disabled.
 */
@Component
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class TwitterSentimentRoutes extends SentimentSourceRoutes {

    private static final DateTimeFormatter CLASSIC = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);

    private final FundamentalProperties.Twitter config;
    private final String host;

    public TwitterSentimentRoutes(ObjectMapper mapper, SourceGuards guards, FundamentalProperties properties,
                                  @Value("${coinwatch.vendors.twitter.base-url:}") String baseUrl, Clock clock) {
        super(mapper, guards, clock);
        this.config = properties.sentiment().twitter();
        this.host = host(baseUrl);
    }

    @Override
    public String name() {
        return "twitter";
    }

    @Override
    public Optional<String> notConfigured() {
        return config.apiKey().isEmpty() || host.isEmpty()
                ? Optional.of("needs a RapidAPI key and URL (coinwatch.fundamental.sentiment.twitter.api-key and "
                        + "coinwatch.vendors.twitter.base-url, or env TWITTER_RAPIDAPI_KEY and TWITTER_RAPIDAPI_URL)")
                : Optional.empty();
    }

    @Override
    public Optional<String> handle(CoinLinks coin) {
        return Optional.ofNullable(coin.twitterScreenName()).filter(name -> !name.isBlank());
    }

    @Override
    public String path(SentimentRequest request) {
        return "/user/tweets";
    }

    @Override
    public String query(SentimentRequest request) {
        return "username=" + URLEncoder.encode(request.handle(), StandardCharsets.UTF_8) + "&limit=100";
    }

    @Override
    public List<SocialPost> posts(JsonNode answer) {
        JsonNode tweets = answer.isArray() ? answer : answer.path("data");
        List<SocialPost> posts = new ArrayList<>();
        for (JsonNode tweet : tweets) {
            Instant created = created(tweet.path("created_at").asText(""));
            if (created != null && tweet.hasNonNull("text")) {
                JsonNode metrics = tweet.path("public_metrics");
                posts.add(new SocialPost(tweet.path("text").asText(),
                        metrics.path("like_count").asLong(0) + metrics.path("retweet_count").asLong(0), created));
            }
        }
        return posts;
    }

    @Override
    public void prepare(Exchange request, String source) {
        request.getMessage().setHeader("X-RapidAPI-Key", config.apiKey());
        request.getMessage().setHeader("X-RapidAPI-Host", host);
    }

    private static String host(String baseUrl) {
        try {
            String host = URI.create(baseUrl.trim()).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Instant created(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException iso) {
            try {
                return ZonedDateTime.parse(text, CLASSIC).toInstant();
            } catch (DateTimeParseException classic) {
                return null;
            }
        }
    }
}
