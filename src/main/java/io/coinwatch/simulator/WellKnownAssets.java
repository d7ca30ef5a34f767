package io.coinwatch.simulator;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Real coins the synthetic market starts with, so demo screens and tests read like the real thing. Prices and market
 * caps are round figures of roughly the right size, not quotes. Bybit base coins carry the exchange's multipliers.
 */
final class WellKnownAssets {

    /**
     * @param platform CoinGecko asset platform of a token, null for a chain's native coin
     */
    record Asset(String baseCoin, String coinId, String coinName, double coinPriceUsd, double marketCapUsd,
                 String platform) {
    }

    static final List<Asset> ALL = List.of(
            new Asset("BTC", "bitcoin", "Bitcoin", 65_000, 1.28e12, null),
            new Asset("ETH", "ethereum", "Ethereum", 3_200, 3.85e11, null),
            new Asset("SOL", "solana", "Solana", 150, 7.0e10, null),
            new Asset("XRP", "ripple", "XRP", 0.55, 3.0e10, null),
            new Asset("DOGE", "dogecoin", "Dogecoin", 0.12, 1.7e10, null),
            new Asset("ADA", "cardano", "Cardano", 0.45, 1.6e10, null),
            new Asset("TON", "the-open-network", "Toncoin", 6.8, 1.7e10, null),
            new Asset("AVAX", "avalanche-2", "Avalanche", 28, 1.1e10, null),
            new Asset("SHIB1000", "shiba-inu", "Shiba Inu", 0.000018, 1.06e10, "ethereum"),
            new Asset("TRX", "tron", "TRON", 0.12, 1.05e10, null),
            new Asset("DOT", "polkadot", "Polkadot", 6.5, 9.0e9, null),
            new Asset("LINK", "chainlink", "Chainlink", 14, 8.5e9, "ethereum"),
            new Asset("BCH", "bitcoin-cash", "Bitcoin Cash", 420, 8.3e9, null),
            new Asset("NEAR", "near", "NEAR Protocol", 5.5, 6.0e9, null),
            new Asset("LTC", "litecoin", "Litecoin", 75, 5.6e9, null),
            new Asset("UNI", "uniswap", "Uniswap", 8, 4.8e9, "ethereum"),
            new Asset("1000PEPE", "pepe", "Pepe", 0.0000105, 4.4e9, "ethereum"),
            new Asset("APT", "aptos", "Aptos", 8.5, 3.5e9, null),
            new Asset("ETC", "ethereum-classic", "Ethereum Classic", 23, 3.4e9, null),
            new Asset("FET", "fetch-ai", "Artificial Superintelligence Alliance", 1.3, 3.3e9, "ethereum"),
            new Asset("HBAR", "hedera-hashgraph", "Hedera", 0.08, 2.9e9, null),
            new Asset("XLM", "stellar", "Stellar", 0.1, 2.9e9, null),
            new Asset("SUI", "sui", "Sui", 1.1, 2.9e9, null),
            new Asset("ATOM", "cosmos", "Cosmos Hub", 7, 2.7e9, null),
            new Asset("ARB", "arbitrum", "Arbitrum", 0.8, 2.6e9, "arbitrum-one"),
            new Asset("FIL", "filecoin", "Filecoin", 4.5, 2.6e9, null),
            new Asset("WIF", "dogwifcoin", "dogwifhat", 2.4, 2.4e9, "solana"),
            new Asset("INJ", "injective-protocol", "Injective", 22, 2.1e9, null),
            new Asset("OP", "optimism", "Optimism", 1.7, 2.0e9, "optimistic-ethereum"),
            new Asset("LDO", "lido-dao", "Lido DAO", 1.8, 1.6e9, "ethereum"),
            new Asset("1000BONK", "bonk", "Bonk", 0.000022, 1.5e9, "solana"),
            new Asset("AAVE", "aave", "Aave", 95, 1.4e9, "ethereum"),
            new Asset("SEI", "sei-network", "Sei", 0.4, 1.3e9, null),
            new Asset("TIA", "celestia", "Celestia", 6, 1.2e9, null),
            new Asset("ORDI", "ordinals", "ORDI", 35, 7.3e8, null),
            new Asset("1000000MOG", "mog-coin", "Mog Coin", 0.0000015, 5.5e8, "ethereum"),
            new Asset("10000SATS", "sats-ordinals", "SATS (Ordinals)", 0.00000025, 5.2e8, null));

    private static final Map<String, Asset> BY_BASE_COIN =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Asset::baseCoin, Function.identity()));

    private WellKnownAssets() {
    }

    static Asset byBaseCoin(String baseCoin) {
        return BY_BASE_COIN.get(baseCoin);
    }
}
