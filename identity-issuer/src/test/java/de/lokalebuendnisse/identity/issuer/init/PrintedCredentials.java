package de.lokalebuendnisse.identity.issuer.init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The secrets a human reads off the terminal: the client and secret of each printed curl line. */
final class PrintedCredentials {

    private static final Pattern CURL = Pattern.compile("^\\s*curl -s -u ([a-z-]+):(\\S+) -d grant_type=client_credentials \\S+/oauth2/token$",
            Pattern.MULTILINE);

    private PrintedCredentials() {
    }

    static Map<String, String> fromCurlLines(String printed) {
        Map<String, String> secrets = new LinkedHashMap<>();
        Matcher curl = CURL.matcher(printed);
        while (curl.find()) {
            if (secrets.put(curl.group(1), curl.group(2)) != null) {
                throw new IllegalStateException("two curl lines for " + curl.group(1));
            }
        }
        return secrets;
    }

    static long curlLines(String printed) {
        return printed.lines().filter(line -> line.contains("curl ")).count();
    }
}
