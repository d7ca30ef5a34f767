package io.coinwatch.core.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring's whitelabel/JSON error page, so unknown paths (404), wrong methods (405), bad media types and
 * anything else that fails before a route runs answer in the API's error contract, never with a stack trace, whatever
 * the request's Accept header says.
 */
@RestController
public class ApiErrorController implements ErrorController {

    // No "produces": a client that accepts only text/html or XML would get an empty 406 instead of the error.
    @RequestMapping("/error")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String message = switch (status) {
            case 404 -> "No such resource: " + path;
            case 405 -> "Method not allowed on " + path;
            case 500 -> "Internal error";
            default -> HttpStatus.valueOf(status).getReasonPhrase();
        };
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(ApiResponses.JSON_UTF8))
                .body(ApiResponses.errorJson(status, ApiErrorBody.defaultCode(status), message));
    }
}
