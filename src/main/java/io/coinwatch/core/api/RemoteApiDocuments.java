package io.coinwatch.core.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The OpenAPI documents of the API groups this process forwards to other processes (the gateway's), each fetched with
 * {@link OpenApiDocument#LOCAL_SCOPE}; {@link OpenApiDocument} merges them into the document it serves.
 */
public interface RemoteApiDocuments {

    List<JsonNode> documents();
}
