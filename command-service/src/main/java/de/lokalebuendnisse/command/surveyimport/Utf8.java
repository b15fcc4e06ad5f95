package de.lokalebuendnisse.command.surveyimport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The file's text: strictly UTF-8 (a Latin-1 file would turn umlauts into garbage), a leading BOM dropped. */
final class Utf8 {

    private Utf8() {
    }

    static String text(byte[] file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            throw new SurveyFileException("file", "utf-8", "the file must be UTF-8 encoded (export it as UTF-8)");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
