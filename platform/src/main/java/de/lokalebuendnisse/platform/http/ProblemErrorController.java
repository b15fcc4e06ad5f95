package de.lokalebuendnisse.platform.http;

import de.lokalebuendnisse.kernel.common.Refusal;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The servlet container's error page ({@code /error}) as problem+json, replacing Spring Boot's default JSON: for
 * errors raised outside Spring MVC's handlers (filters, the container's parameter parsing).
 */
@RestController
final class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer value ? value : 500;
        Refusal.Reason known = failure == null ? null : BoundaryProblems.knownFailure(failure);
        if (known != null) {
            return Problems.entity(400, List.of(known));
        }
        if (status < 400) {
            status = 500;
        }
        return Problems.entity(status, List.of(BoundaryProblems.generic(status)));
    }
}
