package de.lokalebuendnisse.benchmarks.seed;

/**
 * One request of the seed as a caller sends it to the command service: role of the token, method, path and JSON
 * body (null for none).
 */
public record SeedCommand(String role, String method, String path, String body) {
}
