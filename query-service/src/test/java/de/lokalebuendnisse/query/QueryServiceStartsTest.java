package de.lokalebuendnisse.query;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.projection.ReadSideStartsSuite;
import org.springframework.boot.test.context.SpringBootTest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The query service starts with nothing installed and reports the directory and the eligibility view. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class QueryServiceStartsTest extends ReadSideStartsSuite {

    @LocalServerPort
    int serverPort;

    @Override
    protected List<String> projections() {
        return List.of("directory", "eligibility", "seal-register");
    }

    /**
     * A keep-alive connection is closed after its tenth request, so that a busy client cannot keep one of the few
     * workers to itself while other clients wait (application.yml, max-keep-alive-requests).
     */
    @Test
    void aKeptAliveConnectionIsClosedAfterItsTenthRequest() throws Exception {
        List<String> connectionHeaders = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", serverPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            for (int request = 1; request <= 10; request++) {
                out.write(("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                connectionHeaders.add(readResponse(in));
            }
            socket.setSoTimeout(3_000);
            try {
                assertThat(in.read()).as("the connection after the tenth answer").isEqualTo(-1);
            } catch (java.net.SocketTimeoutException stillOpen) {
                throw new AssertionError("the connection stayed open after the tenth answer", stillOpen);
            }
        }
        assertThat(connectionHeaders.subList(0, 9)).containsOnly("");
        assertThat(connectionHeaders.get(9)).isEqualToIgnoringCase("close");
    }

    /** Reads one answer (status line, headers, a body of Content-Length or chunks); its Connection header or "". */
    private static String readResponse(BufferedReader in) throws Exception {
        String status = in.readLine();
        assertThat(status).startsWith("HTTP/1.1 200");
        String connection = "";
        int length = -1;
        boolean chunked = false;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            String name = line.substring(0, line.indexOf(':')).trim();
            String value = line.substring(line.indexOf(':') + 1).trim();
            if (name.equalsIgnoreCase("Connection")) {
                connection = value;
            } else if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            }
        }
        if (chunked) {
            for (int size = Integer.parseInt(in.readLine().trim(), 16); size > 0;
                 size = Integer.parseInt(in.readLine().trim(), 16)) {
                in.skip(size);
                in.readLine();
            }
            in.readLine();
        } else if (length > 0) {
            in.skip(length);
        }
        return connection;
    }
}
