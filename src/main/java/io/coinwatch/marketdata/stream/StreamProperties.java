package io.coinwatch.marketdata.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * coinwatch.gateway.stream.*: limits of the Server-Sent Events stream of new candles.
 *
 * @param maxClients   streams open at once in this process; the next one is refused with 503
 * @param heartbeat    how often every stream gets a comment line, so proxies keep it open and dead clients show
 * @param bufferSize   events waiting for one client; a client that lets it fill up is disconnected
 * @param replayLimit  candles per symbol a reconnect (Last-Event-ID) or one update sends at most
 * @param maxSymbols   symbols per stream
 * @param writerThreads threads writing to the clients' connections
 * @param queuePrefix  name of this process's market.updated queue, before its instance id
 */
@ConfigurationProperties("coinwatch.gateway.stream")
public record StreamProperties(int maxClients, Duration heartbeat, int bufferSize, int replayLimit, int maxSymbols,
                               int writerThreads, String queuePrefix) {

    public StreamProperties {
        maxClients = maxClients <= 0 ? 2000 : maxClients;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        bufferSize = bufferSize <= 0 ? 256 : bufferSize;
        replayLimit = replayLimit <= 0 ? 500 : replayLimit;
        maxSymbols = maxSymbols <= 0 ? 20 : maxSymbols;
        writerThreads = writerThreads <= 0 ? 4 : writerThreads;
        queuePrefix = queuePrefix == null ? "market-data.stream" : queuePrefix;
    }
}
