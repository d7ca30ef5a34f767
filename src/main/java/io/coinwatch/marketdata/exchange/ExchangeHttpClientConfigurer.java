package io.coinwatch.marketdata.exchange;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of every exchange request route (httpClientConfigurer=#exchangeHttpClientConfigurer): without
 * automatic retries. HttpClient 5 would otherwise send a 429 or 503 again by itself after Retry-After, behind the
 * guard's back while the other requests keep going, which is how a client earns Binance's 418 ban. Every retry is
 * Camel's (ExchangeCallErrorHandling), through the guard.
 */
@Component("exchangeHttpClientConfigurer")
public class ExchangeHttpClientConfigurer implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
    }
}
