package io.coinwatch.marketdata;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The symbols' fundamental enrichment (coin id, name, market cap, rank, categories per base asset) as the
 * fundamental-data API answers it: where that API is, and storing its answer in market-data's own table.
 */
@Component("symbolEnrichment")
@ConditionalOnRole(Role.MARKET_DATA)
public class SymbolEnrichment {

    private static final Logger log = LoggerFactory.getLogger(SymbolEnrichment.class);
    private static final String BASE_URL = "coinwatch.market-data.enrichment.fundamental-url";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Environment environment;

    public SymbolEnrichment(JdbcTemplate jdbc, ObjectMapper mapper, Environment environment) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.environment = environment;
    }

    /**
     * The fundamental API's assets of one exchange. Read at each call: without a configured URL it is this process
     * (all-in-one, or a gateway forwarding to the fundamental-data role), whose port is known only once it listens.
     */
    public String assetsUri(String exchange) {
        String base = environment.getProperty(BASE_URL, "");
        if (base.isBlank()) {
            base = "http://127.0.0.1:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        }
        return base.replaceAll("/+$", "") + "/api/v1/fundamental/assets?exchange=" + exchange;
    }

    /** Stores the answer of GET /fundamental/assets: one row per base asset, replaced. Returns the assets stored. */
    @Transactional
    public int store(String exchange, String answer) throws Exception {
        JsonNode assets = mapper.readTree(answer).path("assets");
        for (JsonNode a : assets) {
            jdbc.update("""
                    INSERT INTO symbol_enrichment (exchange, base_asset, coin_id, name, market_cap, market_cap_rank, categories,
                                                   mapping_detail, enriched_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, now())
                    ON CONFLICT (exchange, base_asset) DO UPDATE SET coin_id = EXCLUDED.coin_id, name = EXCLUDED.name,
                        market_cap = EXCLUDED.market_cap, market_cap_rank = EXCLUDED.market_cap_rank,
                        categories = EXCLUDED.categories, mapping_detail = EXCLUDED.mapping_detail, enriched_at = now()""",
                    exchange, a.path("baseAsset").asText(), text(a.path("coinId")), text(a.path("name")),
                    a.path("marketCap").isNumber() ? a.path("marketCap").decimalValue() : (BigDecimal) null,
                    a.path("marketCapRank").isNumber() ? a.path("marketCapRank").asInt() : null,
                    a.path("categories").isArray() ? a.path("categories").toString() : "[]", text(a.path("mappingDetail")));
        }
        log.info("Enrichment of {}: {} base assets from the fundamental API", exchange, assets.size());
        return assets.size();
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
