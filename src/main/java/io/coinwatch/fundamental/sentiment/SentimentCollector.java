package io.coinwatch.fundamental.sentiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;
import io.coinwatch.fundamental.CoinMetadataStore;
import io.coinwatch.fundamental.CoinMetadataStore.CoinLinks;

/** Knows every sentiment source: what the daily run reads, and how each source stands for a coin in the API. */
@Component("sentimentCollector")
@ConditionalOnRole(Role.FUNDAMENTAL_DATA)
public class SentimentCollector {

    private final List<SentimentSource> sources;
    private final CoinMetadataStore metadata;
    private final SentimentStore store;

    public SentimentCollector(List<SentimentSource> sources, CoinMetadataStore metadata, SentimentStore store) {
        this.sources = sources;
        this.metadata = metadata;
        this.store = store;
    }

    /** One request per collected coin and configured source where the coin's metadata names a handle. */
    public List<SentimentRequest> requests() {
        List<CoinLinks> coins = metadata.collectedCoinLinks();
        List<SentimentRequest> requests = new ArrayList<>();
        for (SentimentSource source : sources) {
            if (source.notConfigured().isEmpty()) {
                coins.forEach(coin -> source.handle(coin).ifPresent(handle ->
                        requests.add(new SentimentRequest(source.name(), coin.coinId(), handle))));
            }
        }
        return requests;
    }

    /**
     * Every source for one coin: "ok" with its latest reading, "not configured" with the reason, "no handle" when the
     * coin's metadata names no place on that source, or "no data yet".
     */
    public List<Map<String, Object>> status(String coinId) {
        Map<String, Map<String, Object>> latest = store.latest(coinId);
        CoinLinks links = metadata.coinLinks(coinId);
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (SentimentSource source : sources.stream().sorted(Comparator.comparing(SentimentSource::name)).toList()) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("source", source.name());
            Optional<String> notConfigured = source.notConfigured();
            Map<String, Object> reading = latest.get(source.name());
            if (notConfigured.isPresent()) {
                status.put("status", "not configured");
                status.put("reason", notConfigured.get());
            } else if (reading != null) {
                status.put("status", "ok");
                status.putAll(reading);
            } else if (source.handle(links).isEmpty()) {
                status.put("status", "no handle");
                status.put("reason", "the coin's CoinGecko metadata names no " + source.name() + " link");
            } else {
                status.put("status", "no data yet");
                status.put("handle", source.handle(links).get());
            }
            statuses.add(status);
        }
        return statuses;
    }
}
