package io.coinwatch.core.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import io.coinwatch.core.api.ApiResponses;

/** Answers written by the security filters themselves, in the API's error contract. */
final class SecurityErrors {

    private SecurityErrors() {
    }

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(ApiResponses.errorJson(status, code, message));
    }
}
