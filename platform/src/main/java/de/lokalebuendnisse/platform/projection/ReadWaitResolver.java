package de.lokalebuendnisse.platform.projection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns a read's {@link ReadWaits.AwaitingPosition} into a park ({@link ReadWaits}) before any exception handler
 * answers it: the handler has stopped, nothing is written, the request waits asynchronously.
 */
class ReadWaitResolver implements HandlerExceptionResolver, Ordered {

    private final ReadWaits waits;

    ReadWaitResolver(ReadWaits waits) {
        this.waits = waits;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception exception) {
        if (!(exception instanceof ReadWaits.AwaitingPosition waiting) || response.isCommitted()) {
            return null;
        }
        waits.park(request, response, waiting);
        return new ModelAndView(); // empty: handled, nothing to render
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
