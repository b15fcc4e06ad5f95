package de.lokalebuendnisse.platform.http;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The body limit, and the larger one a service grants a single upload path. */
class BodyLimitFilterTest {

    private final BodyLimitFilter filter = new BodyLimitFilter(10,
            List.of(new LargerBodyLimit("/api/survey-campaigns/*/imports", 100)));

    @Test
    void theUploadPathTakesItsLargerLimitAndEveryOtherPathKeepsTheSmallOne() throws Exception {
        assertThat(status("/api/survey-campaigns/2025/imports", 100)).isEqualTo(200);
        assertThat(status("/api/survey-campaigns/2025/imports", 101)).isEqualTo(413);
        assertThat(status("/api/survey-campaigns/2025/submissions", 11)).isEqualTo(413);
        assertThat(status("/api/survey-campaigns/2025/imports/x", 11)).isEqualTo(413);
        assertThat(status("/api/buendnisse", 10)).isEqualTo(200);
    }

    private int status(String path, int bytes) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContent(new byte[bytes]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }
}
