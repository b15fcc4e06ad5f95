package de.lokalebuendnisse.query.certificate;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateArchiveTest {

    private final SealCertificateRenderer renderer = new SealCertificateRenderer();
    private final CertificateArchive archive = new CertificateArchive(renderer);

    @Test
    void everyCertificateIsOneEntryInNameOrderWithItsOwnBytesAndTheCeremonyDayAsItsTime() throws IOException {
        SealCertificate koeln = SealCertificateRendererTest.sample();
        SealCertificate bremen = certificate("bremen", "Bremer Bündnis für Familie", null);
        SealCertificate jena = certificate("jena", "Jenaer Bündnis für Familie e. V.", LocalDate.of(2025, 2, 3));

        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<LocalDateTime> times = new ArrayList<>();
        read(write(List.of(koeln, jena, bremen)), entries, times);

        assertThat(entries.keySet()).containsExactly(
                "2024-25_b-koeln-nippes_lokales-buendnis-fuer-familie-koeln-nippes.pdf",
                "2024-25_bremen_bremer-buendnis-fuer-familie.pdf",
                "2024-25_jena_jenaer-buendnis-fuer-familie-e-v.pdf");
        assertThat(entries.get("2024-25_bremen_bremer-buendnis-fuer-familie.pdf")).isEqualTo(renderer.render(bremen));
        assertThat(SealCertificateRendererTest.text(entries.get("2024-25_jena_jenaer-buendnis-fuer-familie-e-v.pdf")))
                .contains("Jenaer Bündnis für Familie e. V.", "Verliehen am 3. Februar 2025.");
        assertThat(times).containsExactly(LocalDateTime.of(2024, 11, 22, 0, 0), LocalDateTime.of(2024, 11, 22, 0, 0),
                LocalDateTime.of(2025, 2, 3, 0, 0));
    }

    @Test
    void theSameCertificatesGiveTheSameArchiveWhateverTheirOrder() {
        SealCertificate koeln = SealCertificateRendererTest.sample();
        SealCertificate bremen = certificate("bremen", "Bremer Bündnis für Familie", null);

        assertThat(write(List.of(bremen, koeln))).isEqualTo(write(List.of(koeln, bremen)));
    }

    @Test
    void anEmptyPeriodIsAnEmptyArchive() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        read(write(List.of()), entries, new ArrayList<>());
        assertThat(entries).isEmpty();
    }

    @Test
    void twoCertificatesUnderOneNameAreRefused() {
        SealCertificate bremen = certificate("bremen", "Bremer Bündnis für Familie", null);

        assertThatThrownBy(() -> write(List.of(bremen, bremen))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-25_bremen_");
    }

    @Test
    void theSlugSpellsOutUmlautsDropsAccentsAndIsShort() {
        assertThat(CertificateArchive.slug("Lokales Bündnis für Familie Groß-Gerau")).isEqualTo(
                "lokales-buendnis-fuer-familie-gross-gerau");
        assertThat(CertificateArchive.slug("  Bündnis \"Eltern & Kinder\" <Nord> – Café Élan ")).isEqualTo(
                "buendnis-eltern-kinder-nord-cafe-elan");
        assertThat(CertificateArchive.slug("Ärger Öde Übel ".repeat(10))).hasSizeLessThanOrEqualTo(60)
                .doesNotEndWith("-").startsWith("aerger-oede-uebel");
        assertThat(CertificateArchive.slug("…")).isEmpty();
    }

    private SealCertificate certificate(String id, String name, LocalDate grantedOutsideTheCeremony) {
        SealCertificate s = SealCertificateRendererTest.sample();
        boolean atCeremony = grantedOutsideTheCeremony == null;
        return new SealCertificate(BuendnisId.of(id), s.sealName(), AwardPeriod.of("2024/25"), name, "Ort",
                Bundesland.HB, atCeremony ? s.ceremonyDate() : null, atCeremony ? s.ceremonyPlace() : null,
                GrantBasis.SURVEY, "CODE-" + id, "https://siegel.example/verify/CODE-" + id,
                atCeremony ? s.grantedOn() : grantedOutsideTheCeremony, null);
    }

    private byte[] write(List<SealCertificate> certificates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archive.write(certificates, out);
        return out.toByteArray();
    }

    private static void read(byte[] zip, Map<String, byte[]> entries, List<LocalDateTime> times) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
                entries.put(entry.getName(), in.readAllBytes());
                times.add(entry.getTimeLocal());
            }
        }
    }
}
