package io.coinwatch.core.api;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word, in the API's error contract instead of its HTML page: requests Tomcat refuses before any
 * servlet sees them (raw non-ASCII or control bytes in the request line, "/.." above the root, an encoded "/" or NUL,
 * a request line or headers over the size limit) and errors nothing else has answered.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own valve: only errors, nothing written yet, reported once, and only if the client can still read.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String message = status >= 500 ? "Internal error" : known == null ? "Request refused" : known.getReasonPhrase();
        try {
            response.setContentType(ApiResponses.JSON_UTF8);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ApiResponses.errorJson(status, ApiErrorBody.defaultCode(status), message));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was committed meanwhile: nothing left to tell it.
        }
    }
}
