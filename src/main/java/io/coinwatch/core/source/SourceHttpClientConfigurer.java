package io.coinwatch.core.source;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of every source request route (httpClientConfigurer=#sourceHttpClientConfigurer): without
 * automatic retries. HttpClient 5 would otherwise send a 429 or 503 again by itself after Retry-After, behind the
 * guard's back while the other requests keep going, which is how a client earns Binance's 418 ban. Every retry is
 * Camel's (SourceCallErrorHandling), through the guard.
 */
@Component("sourceHttpClientConfigurer")
public class SourceHttpClientConfigurer implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
    }
}
