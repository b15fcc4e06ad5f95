package de.lokalebuendnisse.query.certificate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

import javax.xml.transform.TransformerException;
import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * Draws a seal certificate (Siegelurkunde) as a one-page A4 PDF/A-1b document: embedded DejaVu fonts, an sRGB output
 * intent, XMP metadata and a vector QR code leading to the public verification page.
 * <p>
 * The output depends on the {@link SealCertificate} alone: creation and modification dates are the grant's day, the
 * file identifier is a hash of the certificate's fields, and nothing reads the clock, so rendering the same grant
 * twice gives the same bytes. (Flate streams depend on the runtime's zlib, so the guarantee holds per runtime.)
 * Thread-safe: every call builds its own document.
 */
public final class SealCertificateRenderer {

    static final String PRODUCER = "Lokale Bündnisse für Familie, Siegelregister (Apache PDFBox)";
    static final String CREATOR = "Lokale Bündnisse für Familie, Servicebüro";

    private static final String FONT_REGULAR = "/certificate/fonts/DejaVuSerif.ttf";
    private static final String FONT_BOLD = "/certificate/fonts/DejaVuSerif-Bold.ttf";
    private static final String SRGB = "sRGB IEC61966-2.1";

    private static final String[] MONTHS = {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
            "September", "Oktober", "November", "Dezember"};

    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color ACCENT = new Color(0x1F, 0x5C, 0x45);
    private static final Color MUTED = new Color(0x55, 0x55, 0x55);

    private static final float PAGE_MARGIN = 28f;
    private static final float TEXT_WIDTH = 470f;
    private static final float QR_SIZE = 96f;
    /** A long address needs more modules; below this size a module gets hard to scan from paper. */
    private static final float MIN_QR_MODULE = 2.4f;

    private final byte[] regularFont;
    private final byte[] boldFont;
    private final byte[] srgbProfile;

    public SealCertificateRenderer() {
        this.regularFont = resource(FONT_REGULAR);
        this.boldFont = resource(FONT_BOLD);
        // the JDK's own sRGB profile (ICC version 2, as PDF/A-1 requires), so no profile file needs shipping
        this.srgbProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    public byte[] render(SealCertificate certificate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        render(certificate, out);
        return out.toByteArray();
    }

    public void render(SealCertificate certificate, OutputStream out) {
        try (PDDocument document = new PDDocument()) {
            document.setVersion(1.4f);
            PDFont regular = PDType0Font.load(document, new ByteArrayInputStream(regularFont), true);
            PDFont bold = PDType0Font.load(document, new ByteArrayInputStream(boldFont), true);
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                new Layout(content, page.getMediaBox(), regular, bold).draw(certificate);
            }
            describe(document, certificate);
            // no object streams: PDF/A-1 is PDF 1.4
            document.save(out, CompressParameters.NO_COMPRESSION);
        } catch (IOException e) {
            throw new UncheckedIOException("the certificate could not be written", e);
        }
    }

    /** Info dictionary and XMP agree (PDF/A demands it); dates are the grant's, the identifier is the content's. */
    private void describe(PDDocument document, SealCertificate certificate) throws IOException {
        String title = xmlSafe("Urkunde " + certificate.sealName() + " – " + certificate.allianceName());
        Calendar granted = startOfDay(certificate.grantedOn());

        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setCreator(CREATOR);
        info.setProducer(PRODUCER);
        info.setCreationDate(granted);
        info.setModificationDate(granted);

        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(title);
        dc.setFormat("application/pdf");
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreatorTool(CREATOR);
        basic.setCreateDate(granted);
        basic.setModifyDate(granted);
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(PRODUCER);
        PDFAIdentificationSchema pdfa = xmp.createAndAddPDFAIdentificationSchema();
        pdfa.setPart(1);
        try {
            pdfa.setConformance("B");
        } catch (BadFieldValueException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream xmpBytes = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, xmpBytes, true);
        } catch (TransformerException e) {
            throw new IOException("the XMP metadata could not be written", e);
        }
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(xmpBytes.toByteArray());
        document.getDocumentCatalog().setMetadata(metadata);

        PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(srgbProfile));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        document.getDocumentCatalog().addOutputIntent(intent);

        // PDFBox would otherwise derive the identifier from the clock
        COSArray id = new COSArray();
        byte[] digest = fingerprint(certificate);
        id.add(new COSString(digest));
        id.add(new COSString(digest));
        document.getDocument().setDocumentID(id);
    }

    /** The first 16 bytes of a SHA-256 over every field the certificate shows. */
    static byte[] fingerprint(SealCertificate c) {
        String canonical = String.join("\u001f", c.buendnisId().value(), c.sealName(), c.period().label(),
                c.allianceName(), String.valueOf(c.place()), String.valueOf(c.bundesland()),
                String.valueOf(c.ceremonyDate()), String.valueOf(c.ceremonyPlace()), c.basis().name(),
                c.verificationCode(), c.verificationUrl(), c.grantedOn().toString(),
                String.valueOf(c.previousPeriod()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(hash, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Characters XML 1.0 cannot hold (control characters, lone surrogates) would make the XMP unreadable. */
    static String xmlSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean allowed = cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000;
            out.appendCodePoint(allowed ? cp : ' ');
        });
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    static String germanDate(LocalDate date) {
        return date.getDayOfMonth() + ". " + MONTHS[date.getMonthValue() - 1] + " " + date.getYear();
    }

    private static Calendar startOfDay(LocalDate day) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.clear();
        calendar.set(day.getYear(), day.getMonthValue() - 1, day.getDayOfMonth(), 0, 0, 0);
        return calendar;
    }

    private static byte[] resource(String name) {
        try (InputStream in = SealCertificateRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page, drawn top to bottom with a cursor. */
    private static final class Layout {
        private final PDPageContentStream content;
        private final PDRectangle box;
        private final PDFont regular;
        private final PDFont bold;
        private float y;

        Layout(PDPageContentStream content, PDRectangle box, PDFont regular, PDFont bold) {
            this.content = content;
            this.box = box;
            this.regular = regular;
            this.bold = bold;
        }

        void draw(SealCertificate c) throws IOException {
            frame();
            y = box.getHeight() - 95;
            centred(regular, 13, MUTED, 0, "Lokale Bündnisse für Familie");
            y -= 52;
            centred(bold, 40, ACCENT, 0, "URKUNDE");
            y -= 18;
            rule(160);
            y -= 40;
            centred(regular, 14, INK, 18, "Das Lokale Bündnis für Familie");
            y -= 10;
            wrapped(bold, 24, 16, INK, c.allianceName(), 3);
            String where = where(c);
            if (!where.isEmpty()) {
                wrapped(regular, 14, 12, MUTED, where, 2);
            }
            y -= 22;
            centred(regular, 14, INK, 18, "erhält das Siegel");
            y -= 14;
            wrapped(bold, 26, 16, ACCENT, "„" + c.sealName() + "“", 3);
            y -= 4;
            centred(regular, 14, INK, 18, "für den Auszeichnungszeitraum " + c.period().label());
            y -= 30;
            wrapped(regular, 12, 10, INK, basis(c), 3);
            y -= 6;
            wrapped(regular, 12, 10, INK, occasion(c), 3);
            verification(c);
        }

        private void frame() throws IOException {
            float w = box.getWidth();
            float h = box.getHeight();
            content.setStrokingColor(ACCENT);
            content.setLineWidth(3f);
            content.addRect(PAGE_MARGIN, PAGE_MARGIN, w - 2 * PAGE_MARGIN, h - 2 * PAGE_MARGIN);
            content.stroke();
            content.setLineWidth(0.75f);
            float inner = PAGE_MARGIN + 7;
            content.addRect(inner, inner, w - 2 * inner, h - 2 * inner);
            content.stroke();
        }

        private void rule(float width) throws IOException {
            float x = (box.getWidth() - width) / 2;
            content.setStrokingColor(ACCENT);
            content.setLineWidth(1f);
            content.moveTo(x, y);
            content.lineTo(x + width, y);
            content.stroke();
        }

        /** One line, centred; {@code gap} is the extra space below it. */
        private void centred(PDFont font, float size, Color color, float gap, String text) throws IOException {
            String shown = printable(font, text);
            float width = font.getStringWidth(shown) / 1000 * size;
            text(font, size, color, (box.getWidth() - width) / 2, y, shown);
            y -= size * 0.3f + gap;
        }

        /**
         * Centred lines wrapped at word boundaries to the text width; the size shrinks down to {@code minSize} until
         * the text fits in {@code maxLines}, and a text that still does not fit is cut with an ellipsis.
         */
        private void wrapped(PDFont font, float size, float minSize, Color color, String text, int maxLines)
                throws IOException {
            String shown = printable(font, text);
            float used = size;
            List<String> lines = lines(font, used, shown);
            while (lines.size() > maxLines && used > minSize) {
                used -= 1;
                lines = lines(font, used, shown);
            }
            if (lines.size() > maxLines) {
                lines = new ArrayList<>(lines.subList(0, maxLines));
                lines.set(maxLines - 1, fitWithEllipsis(font, used, lines.get(maxLines - 1)));
            }
            for (String line : lines) {
                float width = font.getStringWidth(line) / 1000 * used;
                text(font, used, color, (box.getWidth() - width) / 2, y, line);
                y -= used * 1.3f;
            }
            y -= used * 0.2f;
        }

        private List<String> lines(PDFont font, float size, String text) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, size, candidate) <= TEXT_WIDTH || line.isEmpty()) {
                    line.setLength(0);
                    line.append(candidate);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            // a single word wider than the line is cut, not drawn across the frame
            List<String> fitted = new ArrayList<>(lines.size());
            for (String l : lines) {
                fitted.add(width(font, size, l) <= TEXT_WIDTH ? l : fitWithEllipsis(font, size, l));
            }
            return fitted;
        }

        private String fitWithEllipsis(PDFont font, float size, String text) throws IOException {
            String cut = text;
            while (!cut.isEmpty() && width(font, size, cut + "…") > TEXT_WIDTH) {
                cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
            }
            return cut.strip() + "…";
        }

        private static float width(PDFont font, float size, String text) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        private void verification(SealCertificate c) throws IOException {
            float left = PAGE_MARGIN + 44;
            float bottom = PAGE_MARGIN + 44;
            float size = qr(c.verificationUrl(), left, bottom);
            float x = left + size + 18;
            float top = bottom + size - 12;
            text(bold, 11, INK, x, top, "Echtheit prüfen");
            text(regular, 10, INK, x, top - 18, "Prüfcode: " + printable(regular, c.verificationCode()));
            text(regular, 9, MUTED, x, top - 34, "QR-Code scannen oder die Adresse öffnen:");
            float urlWidth = box.getWidth() - x - PAGE_MARGIN - 40;
            float lineY = top - 47;
            for (String part : chunks(regular, 8, printable(regular, c.verificationUrl()), urlWidth, 3)) {
                text(regular, 8, MUTED, x, lineY, part);
                lineY -= 11;
            }
        }

        /** A long address breaks anywhere (it has no spaces); at most {@code maxLines}. */
        private static List<String> chunks(PDFont font, float size, String text, float maxWidth, int maxLines)
                throws IOException {
            List<String> parts = new ArrayList<>();
            int start = 0;
            while (start < text.length() && parts.size() < maxLines) {
                int end = start;
                while (end < text.length()
                        && width(font, size, text.substring(start, text.offsetByCodePoints(end, 1))) <= maxWidth) {
                    end = text.offsetByCodePoints(end, 1);
                }
                if (end == start) {
                    end = text.offsetByCodePoints(start, 1);
                }
                parts.add(text.substring(start, end));
                start = end;
            }
            return parts;
        }

        /** The QR code as filled rectangles, one per run of dark modules in a row: vector, lossless, deterministic. */
        private float qr(String url, float x, float y) throws IOException {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
            hints.put(EncodeHintType.MARGIN, 0);
            BitMatrix matrix;
            try {
                matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0, hints);
            } catch (WriterException e) {
                throw new IllegalArgumentException("the verification address does not fit a QR code", e);
            }
            int n = matrix.getWidth();
            float module = Math.max(QR_SIZE / n, MIN_QR_MODULE);
            content.setNonStrokingColor(Color.BLACK);
            for (int row = 0; row < n; row++) {
                int col = 0;
                while (col < n) {
                    if (!matrix.get(col, row)) {
                        col++;
                        continue;
                    }
                    int start = col;
                    while (col < n && matrix.get(col, row)) {
                        col++;
                    }
                    content.addRect(x + start * module, y + (n - 1 - row) * module, (col - start) * module, module);
                }
            }
            content.fill();
            return module * n;
        }

        private void text(PDFont font, float size, Color color, float x, float y, String text) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(color);
            content.newLineAtOffset(x, y);
            content.showText(text);
            content.endText();
        }

        private static String where(SealCertificate c) {
            String place = c.place() == null ? "" : c.place().strip();
            String land = c.bundesland() == null ? "" : c.bundesland().germanName();
            if (place.isEmpty()) {
                return land;
            }
            return land.isEmpty() ? place : place + " (" + land + ")";
        }

        private static String basis(SealCertificate c) {
            return c.basis() == GrantBasis.RENEWAL
                    ? "Verliehen als Erneuerung des Siegels aus dem Auszeichnungszeitraum "
                    + (c.previousPeriod() != null ? c.previousPeriod() : c.period().previous()).label() + "."
                    : "Verliehen auf Grundlage der Bündnisumfrage und der Teilnahme an einer Zukunftswerkstatt.";
        }

        private static String occasion(SealCertificate c) {
            if (c.ceremonyDate() == null) {
                return "Verliehen am " + germanDate(c.grantedOn()) + ".";
            }
            String place = c.ceremonyPlace() == null || c.ceremonyPlace().isBlank() ? "" : " in " + c.ceremonyPlace().strip();
            return "Überreicht beim Bündnisdialog" + place + " am " + germanDate(c.ceremonyDate()) + ".";
        }

        /**
         * Control characters become spaces and characters the font has no glyph for become '?', so any name the
         * register holds can be drawn.
         */
        private static String printable(PDFont font, String text) throws IOException {
            StringBuilder out = new StringBuilder(text.length());
            for (int cp : text.codePoints().toArray()) {
                if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                    out.append(' ');
                    continue;
                }
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    out.append(ch);
                } catch (IllegalArgumentException noGlyph) {
                    out.append('?');
                }
            }
            return out.toString().strip();
        }
    }
}
