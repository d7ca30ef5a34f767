package io.coinwatch.simulator;

/** One API's endpoints: routes a request to the endpoint and words parameter errors in the API's own dialect. */
interface ApiHandler {

    default ApiResponse handle(ApiRequest request) {
        try {
            return route(request);
        } catch (InvalidParameterException e) {
            return reject(e);
        }
    }

    ApiResponse route(ApiRequest request);

    ApiResponse reject(InvalidParameterException e);
}
