package de.lokalebuendnisse.kernel.survey;

/**
 * The file an import read: its name as uploaded, its format, the SHA-256 of its bytes (hex) and how many answer rows
 * it had.
 */
public record SurveyImportSource(String fileName, String format, String sha256, int rowCount) {
}
