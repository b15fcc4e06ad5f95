package de.lokalebuendnisse.query.certificate;

import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.seal.SealGrantView;
import de.lokalebuendnisse.query.seal.VerificationProperties;
import org.springframework.stereotype.Component;

import java.io.OutputStream;
import java.util.List;

/**
 * The certificates of the seal register's grants: what a grant's certificate shows, its PDF, and a period's ZIP.
 * The QR code and the printed address lead to the public verification page under {@code lbf.verification.base-url}.
 */
@Component
public class SealCertificates {

    private final VerificationProperties verification;
    private final SealCertificateRenderer renderer = new SealCertificateRenderer();
    private final CertificateArchive archive = new CertificateArchive(renderer);

    public SealCertificates(VerificationProperties verification) {
        this.verification = verification;
    }

    /** Callers leave out revoked grants and grants whose alliance has not reached the register yet (no name). */
    public SealCertificate of(SealGrantView grant) {
        // the register keeps the period's ceremony on every grant; only a grant made there names it
        boolean atCeremony = grant.atCeremony() && grant.ceremonyDate() != null;
        return new SealCertificate(grant.buendnisId(), grant.sealName(), grant.period(), grant.allianceName(),
                grant.place(), grant.bundesland() == null ? null : Bundesland.ofIsoCode(grant.bundesland()),
                atCeremony ? grant.ceremonyDate() : null, atCeremony ? grant.ceremonyPlace() : null, grant.basis(),
                grant.verificationCode().grouped(),
                verification.pageOf(grant.verificationCode()), grant.grantedOn(), grant.previousPeriod());
    }

    public byte[] pdf(SealGrantView grant) {
        return renderer.render(of(grant));
    }

    public String fileName(SealGrantView grant) {
        return CertificateArchive.fileName(of(grant));
    }

    public void zip(List<SealGrantView> grants, OutputStream out) {
        archive.write(grants.stream().map(this::of).toList(), out);
    }
}
