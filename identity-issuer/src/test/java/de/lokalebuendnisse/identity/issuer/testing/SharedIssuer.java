package de.lokalebuendnisse.identity.issuer.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One running issuer, on a fresh data folder, for every test class that only reads from it (asks for an
 * {@link IssuerRunner} parameter), so the suite starts it once; JUnit closes it after the last test.
 */
public final class SharedIssuer implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedIssuer.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IssuerRunner.class;
    }

    @Override
    public IssuerRunner resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(IssuerRunner.class, type -> {
            try {
                return IssuerRunner.start(Files.createTempDirectory("lbf-issuer"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, IssuerRunner.class);
    }
}
