package de.lokalebuendnisse.platform.projection;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

import java.util.List;
import java.util.Optional;

/**
 * The projections' token store, holding back the token of a projection whose replay window has writes not yet made
 * ({@link ReplayWindows}): its claim is extended instead, so the stored token stays where the documents are. Giving
 * up a claim (a stop, a failed batch) drops the window. Everything else is the store's own.
 */
public final class DeferringTokens implements TokenStore {

    private final TokenStore delegate;
    private final ReplayWindows windows;

    DeferringTokens(TokenStore delegate, ReplayWindows windows) {
        this.delegate = delegate;
        this.windows = windows;
    }

    /** The store the tokens are kept in. */
    public TokenStore delegate() {
        return delegate;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        if (windows.holdsBackTokenOf(processorName)) {
            delegate.extendClaim(processorName, segment);
        } else {
            delegate.storeToken(token, processorName, segment);
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        windows.discard(processorName);
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
