package de.lokalebuendnisse.platform.http;

/**
 * A larger, still bounded body limit for the paths a service names (a file upload), in place of
 * {@code lbf.api.max-body-size}; declared as a bean by the service that has such a path.
 *
 * @param pathPattern a Spring path pattern such as {@code /api/survey-campaigns/*}{@code /imports}
 * @param maxBytes    the largest body accepted there
 */
public record LargerBodyLimit(String pathPattern, long maxBytes) {
}
