package io.coinwatch.fundamental;

/** An exchange's base asset as the symbol table names it, e.g. bybit / 1000PEPE. */
public record AssetRef(String exchange, String baseAsset) {
}
