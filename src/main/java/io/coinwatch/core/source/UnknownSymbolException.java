package io.coinwatch.core.source;

/**
 * The source answered that it does not know the symbol asked for (delisted or renamed since discovery, or never
 * listed): a correct answer about one market, not a fault of the source, so it never counts against the source's
 * circuit breaker ({@link SourceRequestTemplate}) or its health.
 */
public class UnknownSymbolException extends SourceException {

    public UnknownSymbolException(String source, String message) {
        super(source, Kind.UNKNOWN_SYMBOL, message);
    }
}
