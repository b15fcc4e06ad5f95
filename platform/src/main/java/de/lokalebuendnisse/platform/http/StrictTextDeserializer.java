package de.lokalebuendnisse.platform.http;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads every text field of every request body: only a JSON string is text (no number, boolean, object or array
 * turned into one), and the string must follow {@link TextRules}; it is then trimmed and in NFC.
 */
final class StrictTextDeserializer extends StdScalarDeserializer<String> {

    StrictTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new InputRuleException(parser, "string", "must be text in quotes");
        }
        String text = parser.getString();
        TextRules.Violation violation = TextRules.check(text);
        if (violation != null) {
            throw new InputRuleException(parser, violation.rule(), violation.detail());
        }
        return TextRules.normalise(text);
    }
}
