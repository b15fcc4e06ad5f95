package de.lokalebuendnisse.platform.projection;

/** The projection is being rebuilt: its documents are incomplete until the rebuild has finished. */
public class ProjectionRebuildingException extends RuntimeException {

    private final String projection;
    private final ProjectionState.RebuildProgress progress;

    public ProjectionRebuildingException(String projection, ProjectionState.RebuildProgress progress) {
        super("projection " + projection + " is being rebuilt (" + progress.eventsDone() + " of "
                + progress.eventsTotal() + " events); ask again when it has finished");
        this.projection = projection;
        this.progress = progress;
    }

    public String projection() {
        return projection;
    }

    public ProjectionState.RebuildProgress progress() {
        return progress;
    }
}
