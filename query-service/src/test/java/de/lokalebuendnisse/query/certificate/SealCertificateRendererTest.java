package de.lokalebuendnisse.query.certificate;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.preflight.PreflightDocument;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.parser.PreflightParser;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

class SealCertificateRendererTest {

    /**
     * An address long enough for a QR code of version 10 (57 modules), which the minimum module size makes larger.
     * (A run of one repeated letter is no fair test: it can form a false finder pattern inside the code.)
     */
    private static final String LONG_URL = "https://www.lokale-buendnisse-fuer-familie.de/siegelregister/"
            + "oeffentliche-pruefung/verify/K7QM-3XPA-9R2D?sprache=de&quelle=urkunde-2024-25-lokales-buendnis-fuer-"
            + "familie-koeln-nippes-und-umgebung-mit-allen-ortsteilen";

    private final SealCertificateRenderer renderer = new SealCertificateRenderer();

    static SealCertificate sample() {
        return new SealCertificate(BuendnisId.of("b-koeln-nippes"), "Ausgezeichnetes Bündnis 2024/25",
                AwardPeriod.of("2024/25"), "Lokales Bündnis für Familie Köln-Nippes", "Köln", Bundesland.NW,
                LocalDate.of(2024, 11, 22), "Berlin", GrantBasis.SURVEY, "K7QM-3XPA-9R2D",
                "https://siegel.lokale-buendnisse-fuer-familie.de/verify/K7QM-3XPA-9R2D", LocalDate.of(2024, 11, 22), null);
    }

    @Test
    void theCertificateOpensAndShowsTheNamesThePeriodTheCeremonyAndTheCode() throws IOException {
        String text = text(renderer.render(sample()));

        assertThat(text).contains("URKUNDE", "Lokales Bündnis für Familie Köln-Nippes", "Köln (Nordrhein-Westfalen)",
                "„Ausgezeichnetes Bündnis 2024/25“", "für den Auszeichnungszeitraum 2024/25",
                "Bündnisumfrage", "Überreicht beim Bündnisdialog in Berlin am 22. November 2024.",
                "Prüfcode: K7QM-3XPA-9R2D");
    }

    @Test
    void aRenewalGrantedOutsideACeremonySaysSoAndNamesTheGrantDay() throws IOException {
        SealCertificate s = sample();
        SealCertificate renewal = new SealCertificate(s.buendnisId(), s.sealName(), s.period(), s.allianceName(),
                s.place(), null, null, null, GrantBasis.RENEWAL, s.verificationCode(), s.verificationUrl(),
                LocalDate.of(2025, 3, 4), null);

        String text = text(renderer.render(renewal));

        assertThat(text).contains("Erneuerung des Siegels aus dem Auszeichnungszeitraum 2023/24",
                "Verliehen am 4. März 2025.");
        assertThat(text).doesNotContain("Bündnisdialog", "Nordrhein-Westfalen", "Bündnisumfrage");
    }

    @Test
    void theQrCodeLeadsToTheVerificationPage() throws Exception {
        assertThat(decodeQr(renderer.render(sample()))).isEqualTo(sample().verificationUrl());
    }

    @Test
    void twoRendersOfTheSameGrantAreByteIdentical() throws InterruptedException {
        byte[] first = renderer.render(sample());
        Thread.sleep(1100); // a clock-derived date or identifier would now differ
        byte[] second = new SealCertificateRenderer().render(sample());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherGrantGivesOtherBytesAndAnotherIdentifier() throws IOException {
        SealCertificate s = sample();
        SealCertificate other = new SealCertificate(BuendnisId.of("b-hamm"), s.sealName(), s.period(),
                "Bündnis für Familie Hamm", "Hamm", Bundesland.NW, s.ceremonyDate(), s.ceremonyPlace(), s.basis(),
                "P4TR-88WD-ZZ2K", "https://siegel.lokale-buendnisse-fuer-familie.de/verify/P4TR-88WD-ZZ2K",
                s.grantedOn(), null);

        byte[] a = renderer.render(s);
        byte[] b = renderer.render(other);

        assertThat(b).isNotEqualTo(a);
        try (PDDocument da = Loader.loadPDF(a); PDDocument db = Loader.loadPDF(b)) {
            assertThat(db.getDocument().getDocumentID().toString())
                    .isNotEqualTo(da.getDocument().getDocumentID().toString());
        }
    }

    @Test
    void theMetadataDatesAreTheGrantDayNotTodayAndTheIdentifierIsTheFieldsHash() throws IOException {
        try (PDDocument document = Loader.loadPDF(renderer.render(sample()))) {
            Calendar created = document.getDocumentInformation().getCreationDate();
            Calendar modified = document.getDocumentInformation().getModificationDate();
            Calendar expected = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            expected.clear();
            expected.set(2024, Calendar.NOVEMBER, 22, 0, 0, 0);

            assertThat(created.getTimeInMillis()).isEqualTo(expected.getTimeInMillis());
            assertThat(modified.getTimeInMillis()).isEqualTo(expected.getTimeInMillis());
            assertThat(document.getDocumentCatalog().getMetadata()).isNotNull();
            assertThat(document.getDocumentCatalog().getOutputIntents()).hasSize(1);
            // the file identifier is the fields' hash, not PDFBox's clock-based one
            org.apache.pdfbox.cos.COSArray id = document.getDocument().getDocumentID();
            assertThat(((org.apache.pdfbox.cos.COSString) id.get(0)).getBytes())
                    .isEqualTo(SealCertificateRenderer.fingerprint(sample()));
        }
    }

    @Test
    void theCertificateIsValidPdfA1b() throws IOException {
        List<ValidationResult.ValidationError> errors = pdfaErrors(renderer.render(sample()));

        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    void thePdfACheckFailsOnAPlantedFontThatIsNotEmbedded() throws IOException {
        byte[] planted = withUnembeddedFont(renderer.render(sample()));

        List<ValidationResult.ValidationError> errors = pdfaErrors(planted);

        // 3.1.x: the font rules of PDF/A-1 (3.1.11: a font program missing)
        assertThat(errors).extracting(ValidationResult.ValidationError::getErrorCode)
                .anyMatch(code -> code.startsWith("3.1"));
    }

    @Test
    void namesWithCharactersOutsideTheFontAndOverlongNamesStillRender() throws Exception {
        SealCertificate s = sample();
        String longName = "Lokales Bündnis für Familie " + "Groß-Umstadt und Umgebung mit allen Ortsteilen ".repeat(6);
        SealCertificate odd = new SealCertificate(s.buendnisId(), s.sealName(), s.period(),
                longName + " \uD83D\uDE00\u0007", s.place(), s.bundesland(), s.ceremonyDate(), s.ceremonyPlace(),
                s.basis(), s.verificationCode(), LONG_URL, s.grantedOn(), null);

        byte[] pdf = renderer.render(odd);

        assertThat(text(pdf)).contains("Lokales Bündnis für Familie Groß-Umstadt", "…");
        List<ValidationResult.ValidationError> errors = pdfaErrors(pdf);
        assertThat(errors).as(describe(errors)).isEmpty();
        assertThat(decodeQr(pdf)).isEqualTo(odd.verificationUrl());
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            // the certificate wraps long lines; the words and their order are what counts
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    static String decodeQr(byte[] pdf) throws IOException, com.google.zxing.ReaderException {
        return decodeQr(pdf, 150);
    }

    static String decodeQr(byte[] pdf, int dpi) throws IOException, com.google.zxing.ReaderException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
            Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
            return result.getText();
        }
    }

    static List<ValidationResult.ValidationError> pdfaErrors(byte[] pdf) throws IOException {
        PreflightParser parser = new PreflightParser(new RandomAccessReadBuffer(pdf));
        try (PreflightDocument document = (PreflightDocument) parser.parse()) {
            return document.validate().getErrorsList();
        }
    }

    private static byte[] withUnembeddedFont(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            PDFont helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, false)) {
                content.beginText();
                content.setFont(helvetica, 10);
                content.newLineAtOffset(100, 100);
                content.showText("planted");
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    private static String describe(List<ValidationResult.ValidationError> errors) {
        StringBuilder b = new StringBuilder();
        errors.forEach(e -> b.append(e.getErrorCode()).append(' ').append(e.getDetails()).append('\n'));
        return b.toString();
    }
}
