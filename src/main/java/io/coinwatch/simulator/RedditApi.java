package io.coinwatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reddit's public JSON listings of a subreddit (what https://www.reddit.com/r/{sub}/new.json serves without a login),
 * for the sentiment sources. Every subreddit exists and has its own deterministic crowd: a mood drawn from the seed
 * and the subreddit's name (case-insensitive, as Reddit's names are) decides how many of its titles are bullish,
 * bearish or neutral, so coins differ in sentiment and the same coin always reads the same.
 *
 * <ul>
 *   <li>GET /r/{sub}/new.json: the subreddit's {@value #POSTS} posts newest first, one every {@value #SPACING_MINUTES}
 *       minutes back from the market clock's now (27 fall in the last 24 hours), in Reddit's Listing format
 *       (kind t3 children with title, score, ups, upvote_ratio, num_comments, created_utc, permalink...). limit 1..100
 *       (default 25) and after=&lt;fullname&gt; page through them.</li>
 *   <li>GET /r/{sub}/hot.json: the same posts by score, highest first.</li>
 *   <li>GET /r/{sub}/about.json: {kind t5, data {display_name, subscribers, active_user_count}}.</li>
 * </ul>
 * Anything else is 404 {"message": "Not Found", "error": 404}, as Reddit answers it.
 */
final class RedditApi implements ApiHandler {

    static final String PREFIX = "/r/";
    static final int POSTS = 40;
    static final int SPACING_MINUTES = 54;
    private static final Pattern PATH = Pattern.compile("/r/([A-Za-z0-9_]{2,21})/(new|hot|about)\\.json");
    private static final List<String> BULLISH = List.of(
            "%s breaks out, the bulls are back",
            "Huge partnership announced for %s",
            "%s mainnet upgrade went live, very bullish",
            "Just bought more %s, holding long term",
            "%s adoption keeps growing every month",
            "%s heading for a new ATH?",
            "%s rally continues after a strong week");
    private static final List<String> BEARISH = List.of(
            "%s dumps 20%% overnight",
            "Is %s a scam? Lost a lot today",
            "%s exchange hack rumours, be careful",
            "Bearish on %s after the token unlock",
            "%s crash wipes out leveraged longs",
            "Selling all my %s, this project is dead");
    private static final List<String> NEUTRAL = List.of(
            "Daily discussion thread",
            "How do I stake %s?",
            "What wallet do you use for %s?",
            "%s weekly technical analysis",
            "Question about %s fees");

    private final long seed;
    private final Clock marketClock;

    RedditApi(long seed, Clock marketClock) {
        this.seed = Seeds.mix(seed, "reddit");
        this.marketClock = marketClock;
    }

    /** The subreddit a request is about (for the request log and fault matching), or null. */
    static String subreddit(String path) {
        Matcher m = PATH.matcher(path);
        return m.matches() ? m.group(1) : null;
    }

    @Override
    public ApiResponse route(ApiRequest request) {
        Matcher m = PATH.matcher(request.path());
        if (!m.matches()) {
            return notFound();
        }
        String sub = m.group(1);
        return switch (m.group(2)) {
            case "about" -> ApiResponse.json(200, about(sub));
            case "hot" -> listing(request, posts(sub).stream()
                    .sorted(Comparator.comparingLong((Map<String, Object> p) -> (Long) p.get("score")).reversed()).toList());
            default -> listing(request, posts(sub));
        };
    }

    @Override
    public ApiResponse reject(InvalidParameterException e) {
        return ApiResponse.json(400, Map.of("message", e.getMessage(), "error", 400));
    }

    private ApiResponse listing(ApiRequest request, List<Map<String, Object>> posts) {
        int limit = request.intInRange("limit", 25, 1, 100);
        String after = request.param("after");
        int from = 0;
        if (after != null) {
            while (from < posts.size() && !posts.get(from).get("name").equals(after)) {
                from++;
            }
            from++;
        }
        List<Map<String, Object>> page = posts.subList(Math.min(from, posts.size()), Math.min(from + limit, posts.size()));
        List<Map<String, Object>> children = page.stream().map(post -> Map.of("kind", "t3", "data", post)).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("after", from + limit < posts.size() ? page.get(page.size() - 1).get("name") : null);
        data.put("dist", children.size());
        data.put("modhash", "");
        data.put("geo_filter", "");
        data.put("children", children);
        data.put("before", null);
        return ApiResponse.json(200, Map.of("kind", "Listing", "data", data));
    }

    private List<Map<String, Object>> posts(String sub) {
        SplittableRandom random = crowd(sub);
        double mood = random.nextDouble(-0.8, 0.8);
        String coin = sub.toUpperCase(Locale.ROOT);
        long now = marketClock.millis() / 1000;
        List<Map<String, Object>> posts = new ArrayList<>(POSTS);
        for (int i = 0; i < POSTS; i++) {
            double draw = random.nextDouble();
            List<String> titles = draw < 0.35 + 0.3 * mood ? BULLISH : draw < 0.7 ? BEARISH : NEUTRAL;
            String title = String.format(Locale.ROOT, titles.get(random.nextInt(titles.size())), coin);
            long score = Math.round(Math.exp(random.nextDouble() * Math.log(3000)));
            String id = Long.toString(Math.abs(random.nextLong()) % 2_000_000_000L + 1_000_000_000L, 36);
            long created = now - Duration.ofMinutes(SPACING_MINUTES).multipliedBy(2L * i + 1).dividedBy(2).toSeconds();
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("subreddit", sub);
            post.put("subreddit_name_prefixed", "r/" + sub);
            post.put("id", id);
            post.put("name", "t3_" + id);
            post.put("title", title);
            post.put("selftext", "");
            post.put("author", "user_" + Long.toString(random.nextLong(36L * 36 * 36 * 36), 36));
            post.put("score", score);
            post.put("ups", score);
            post.put("downs", 0);
            post.put("upvote_ratio", Math.round((0.5 + random.nextDouble() / 2) * 100) / 100.0);
            post.put("num_comments", random.nextInt((int) score / 4 + 1));
            post.put("created_utc", (double) created);
            post.put("permalink", "/r/" + sub + "/comments/" + id + "/" + title.toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "") + "/");
            post.put("over_18", false);
            post.put("stickied", false);
            posts.add(post);
        }
        return posts;
    }

    private Map<String, Object> about(String sub) {
        SplittableRandom random = crowd(sub);
        long subscribers = Math.round(Math.exp(Math.log(1000) + random.nextDouble() * Math.log(5000)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("display_name", sub);
        data.put("display_name_prefixed", "r/" + sub);
        data.put("subscribers", subscribers);
        data.put("active_user_count", Math.max(1, subscribers / (200 + random.nextInt(800))));
        return Map.of("kind", "t5", "data", data);
    }

    private SplittableRandom crowd(String sub) {
        return new SplittableRandom(Seeds.mix(seed, sub.toLowerCase(Locale.ROOT)));
    }

    private static ApiResponse notFound() {
        return ApiResponse.json(404, Map.of("message", "Not Found", "error", 404));
    }
}
