package de.lokalebuendnisse.query.certificate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * All certificates of a period as one ZIP, for printing at the ceremony. Written straight into the given stream, one
 * certificate rendered at a time, so only one PDF is held in memory.
 * <p>
 * The same certificates give the same bytes: entries in the order of their names, each entry's time the day its
 * certificate names (a DOS date, no time zone, no extra timestamp fields), and stored rather than deflated (the PDFs
 * are compressed already, and the archive then does not depend on the runtime's zlib).
 */
public final class CertificateArchive {

    private static final int MAX_SLUG = 60;

    private final SealCertificateRenderer renderer;

    public CertificateArchive(SealCertificateRenderer renderer) {
        this.renderer = renderer;
    }

    public void write(List<SealCertificate> certificates, OutputStream out) {
        List<SealCertificate> ordered = certificates.stream().sorted(Comparator.comparing(CertificateArchive::fileName))
                .toList();
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setMethod(ZipOutputStream.STORED);
            String previous = null;
            for (SealCertificate certificate : ordered) {
                String name = fileName(certificate);
                if (name.equals(previous)) {
                    // one alliance has one grant per period, so one name; two would be a register fault
                    throw new IllegalArgumentException("two certificates named " + name);
                }
                previous = name;
                ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
                renderer.render(certificate, pdf);
                CRC32 crc = new CRC32();
                crc.update(pdf.toByteArray());
                ZipEntry entry = new ZipEntry(name);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(pdf.size());
                entry.setCompressedSize(pdf.size());
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(certificate.awardedOn().atStartOfDay());
                zip.putNextEntry(entry);
                pdf.writeTo(zip);
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the certificate archive could not be written", e);
        }
    }

    /** {@code 2024-25_<buendnisId>_<alliance-slug>.pdf}: sortable by period and id, readable by name. */
    public static String fileName(SealCertificate certificate) {
        String slug = slug(certificate.allianceName());
        return certificate.period().id() + "_" + certificate.buendnisId().value() + (slug.isEmpty() ? "" : "_" + slug)
                + ".pdf";
    }

    /** Lower-case ASCII letters, digits and '-': umlauts spelled out, other accents dropped, at most 60 characters. */
    static String slug(String name) {
        String spelled = name.toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        String plain = Normalizer.normalize(spelled, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return slug;
    }
}
