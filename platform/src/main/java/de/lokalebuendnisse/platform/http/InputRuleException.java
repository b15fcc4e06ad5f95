package de.lokalebuendnisse.platform.http;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A value of a request body broke an input rule while it was read; carries the rule name. Jackson adds the path
 * ({@code scores[2].score}) as the exception travels out of the body's records and lists.
 */
final class InputRuleException extends MismatchedInputException {

    private final String rule;
    private final String detail;

    InputRuleException(JsonParser parser, String rule, String detail) {
        super(parser, rule + ": " + detail);
        this.rule = rule;
        this.detail = detail;
    }

    String rule() {
        return rule;
    }

    String detail() {
        return detail;
    }
}
