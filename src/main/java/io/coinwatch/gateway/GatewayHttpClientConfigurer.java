package io.coinwatch.gateway;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * The HTTP client of the forwarding routes (httpClientConfigurer=#gatewayHttpClientConfigurer): a role's 429 or 503
 * goes to the client as it is, at once. HttpClient 5 would otherwise hold it for the role's Retry-After and send the
 * request again. An idempotent request that failed on a stale pooled connection is still sent once more.
 */
@Component("gatewayHttpClientConfigurer")
@ConditionalOnRole(Role.GATEWAY)
public class GatewayHttpClientConfigurer implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.setRetryStrategy(new DefaultHttpRequestRetryStrategy() {
            @Override
            public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
                return false;
            }
        });
    }
}
