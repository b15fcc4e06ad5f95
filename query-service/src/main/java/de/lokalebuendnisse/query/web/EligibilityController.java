package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.eligibility.FindInvitationListQuery;
import de.lokalebuendnisse.kernel.eligibility.InvitationList;
import de.lokalebuendnisse.kernel.eligibility.Invitee;
import de.lokalebuendnisse.kernel.eligibility.InviteeContact;
import de.lokalebuendnisse.platform.csv.SpreadsheetCsv;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import de.lokalebuendnisse.platform.query.NotFoundException;
import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.eligibility.EligibilityEntry;
import de.lokalebuendnisse.kernel.eligibility.EligibilityOverview;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.FindEligibilityEntryQuery;
import de.lokalebuendnisse.kernel.eligibility.FindEligibilityQuery;
import de.lokalebuendnisse.query.config.QueryProjections;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.http.OneOf;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The eligibility view per award period: who meets which criterion of the period's rule and who is missing what.
 * Asks through Axon's query gateway, so the same queries reach the projection over Axon Server.
 */
@RestController
@RequestMapping("/api/eligibility")
@ProblemAnswers({404, 503})
@Tag(name = "Eligibility", description = "Who meets which criterion of an award period's seal rule, who is missing what")
class EligibilityController {

    private static final Logger log = LoggerFactory.getLogger(EligibilityController.class);

    /** A stream ends after this; browsers' EventSource reconnects on its own and gets the overview anew. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    /** How long the stream waits for its first overview before it gives up. */
    static final Duration INITIAL_RESULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ResponseType<Optional<EligibilityOverview>> OVERVIEW =
            ResponseTypes.optionalInstanceOf(EligibilityOverview.class);
    private static final String STATUS = "status";
    private static final String BUNDESLAND = "bundesland";
    private static final String FORMAT = "format";
    private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final QueryGateway queries;
    private final Projections projections;
    private final LiveStreams streams;

    EligibilityController(QueryGateway queries, Projections projections, LiveStreams streams) {
        this.queries = queries;
        this.projections = projections;
        this.streams = streams;
    }

    @GetMapping("/{period}")
    @Parameter(name = STATUS, in = ParameterIn.QUERY, description = "only entries with this status",
            schema = @Schema(implementation = EligibilityStatus.class))
    @Parameter(name = BUNDESLAND, in = ParameterIn.QUERY, description = "only alliances of this Land, ISO 3166-2, e.g. DE-NW")
    @OneOf(value = Bundesland.class, by = "isoCode", parameter = BUNDESLAND)
    @Parameter(name = QueryParameters.POSITION_HEADER, in = ParameterIn.HEADER,
            description = "event position a command answered with: waits until the view has reached it, else 503")
    @Operation(summary = "Every alliance of an award period with each criterion's state, its status and counts per status",
            description = "period in URL form, e.g. 2024-25. Counts cover the alliances of the requested Bundesland "
                    + "before the status filter. Entries are ordered by alliance id.")
    EligibilityOverview overview(@PathVariable String period, HttpServletRequest request) {
        FindEligibilityQuery query = overviewQuery(period, request);
        return ask(query, OVERVIEW).orElseThrow(() -> unknownPeriod(query.period()));
    }

    @GetMapping("/{period}/{buendnisId}")
    @Parameter(name = QueryParameters.POSITION_HEADER, in = ParameterIn.HEADER,
            description = "event position a command answered with: waits until the view has reached it, else 503")
    @Operation(summary = "One alliance in an award period: each criterion's state, what is missing, grant and revocation")
    EligibilityEntry entry(@PathVariable String period, @PathVariable String buendnisId, HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request);
        AwardPeriod awardPeriod = parameters.take(() -> AwardPeriod.fromId(period), "period");
        BuendnisId id = parameters.take(() -> BuendnisId.of(buendnisId), "buendnisId");
        Long position = parameters.position();
        parameters.throwIfAny();
        projections.awaitReadable(QueryProjections.ELIGIBILITY, position);
        return ask(new FindEligibilityEntryQuery(awardPeriod, id), ResponseTypes.optionalInstanceOf(EligibilityEntry.class))
                .orElseThrow(() -> new NotFoundException("buendnisId", "period " + awardPeriod.label()
                        + " has no eligibility entry for alliance " + id.value()));
    }

    @GetMapping("/{period}/invitations")
    @Parameter(name = QueryParameters.POSITION_HEADER, in = ParameterIn.HEADER,
            description = "event position a command answered with: waits until the view has reached it, else 503")
    @Operation(summary = "The invitation list of an award period: alliances with a sufficient survey outcome and "
            + "interest in Projekt Zukunft, and the previous period's holders, each with its primary contact",
            description = "Staff only: it carries personal data. Paused and dissolved alliances are not on it. "
                    + "Ordered by alliance id. As a mail-merge CSV with Accept: text/csv or format=csv.")
    InvitationList invitations(@PathVariable String period, HttpServletRequest request) {
        return invitationList(period, request, false);
    }

    @GetMapping(value = "/{period}/invitations", produces = "text/csv")
    @Operation(summary = "The invitation list as a mail-merge CSV (UTF-8 with BOM, ';'-separated, CRLF), for "
            + "Accept: text/csv")
    ResponseEntity<String> invitationsCsv(@PathVariable String period, HttpServletRequest request) {
        return invitationCsv(invitationList(period, request, false));
    }

    /** Chosen over the two above whenever {@code format} is given (Spring prefers the mapping naming a parameter). */
    @GetMapping(value = "/{period}/invitations", params = FORMAT)
    @Operation(summary = "The invitation list as a download: format=csv or format=json")
    ResponseEntity<?> invitationsDownload(@PathVariable String period, HttpServletRequest request) {
        InvitationList list = invitationList(period, request, true);
        if ("json".equals(request.getParameter(FORMAT))) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(list);
        }
        return invitationCsv(list);
    }

    private InvitationList invitationList(String period, HttpServletRequest request, boolean formatGiven) {
        QueryParameters parameters = formatGiven ? QueryParameters.of(request, FORMAT) : QueryParameters.of(request);
        AwardPeriod awardPeriod = parameters.take(() -> AwardPeriod.fromId(period), "period");
        if (formatGiven) {
            String chosen = parameters.oneOf(FORMAT, "", Set.of("csv", "json"));
            if ("".equals(chosen)) {
                parameters.take(() -> {
                    throw new InvalidValueException(FORMAT, "required", "must be csv or json");
                }, FORMAT);
            }
        }
        Long position = parameters.position();
        parameters.throwIfAny();
        projections.awaitReadable(QueryProjections.ELIGIBILITY, position);
        return ask(new FindInvitationListQuery(awardPeriod), ResponseTypes.optionalInstanceOf(InvitationList.class))
                .orElseThrow(() -> unknownPeriod(awardPeriod));
    }

    /**
     * The mail-merge CSV. It holds the primary contacts' personal data, so it is written straight into the answer
     * and kept nowhere: no file, no cache, no log.
     */
    private static ResponseEntity<String> invitationCsv(InvitationList list) {
        StringBuilder csv = new StringBuilder(SpreadsheetCsv.BOM).append(SpreadsheetCsv.line(List.of("buendnisId",
                "name", "place", "bundesland", "basis", "contactName", "contactEmail", "contactPhone",
                "contactLanguage", "invitedOn", "invitationChannel")));
        for (Invitee invitee : list.invitees()) {
            InviteeContact contact = invitee.primaryContact();
            csv.append(SpreadsheetCsv.line(Arrays.asList(invitee.buendnisId().value(), invitee.name(), invitee.place(),
                    invitee.bundesland() == null ? null : invitee.bundesland().isoCode(), invitee.basis().name(),
                    contact == null ? null : contact.name(), contact == null ? null : contact.email(),
                    contact == null ? null : contact.phone(), contact == null ? null : contact.language(),
                    invitee.invitedOn() == null ? null : invitee.invitedOn().toString(),
                    invitee.channel() == null ? null : invitee.channel().name())));
        }
        String filename = "einladungen-" + list.period().id() + ".csv";
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(csv.toString());
    }

    @GetMapping(path = "/{period}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Parameter(name = STATUS, in = ParameterIn.QUERY, description = "only entries with this status",
            schema = @Schema(implementation = EligibilityStatus.class))
    @Parameter(name = BUNDESLAND, in = ParameterIn.QUERY, description = "only alliances of this Land, ISO 3166-2, e.g. DE-NW")
    @OneOf(value = Bundesland.class, by = "isoCode", parameter = BUNDESLAND)
    @Parameter(name = QueryParameters.POSITION_HEADER, in = ParameterIn.HEADER,
            description = "event position a command answered with: waits until the view has reached it, else 503")
    @Operation(summary = "Live updates as server-sent events: the overview, then the whole overview again after each change",
            description = "Each event is named 'overview'. The stream ends after 30 minutes; reconnect to go on.")
    SseEmitter stream(@PathVariable String period, HttpServletRequest request) {
        FindEligibilityQuery query = overviewQuery(period, request);
        SubscriptionQueryResult<Optional<EligibilityOverview>, EligibilityOverview> subscription =
                queries.subscriptionQuery(query, OVERVIEW, ResponseTypes.instanceOf(EligibilityOverview.class));
        Optional<EligibilityOverview> initial;
        try {
            initial = subscription.initialResult().block(INITIAL_RESULT_TIMEOUT);
        } catch (RuntimeException e) {
            subscription.cancel();
            throw e;
        }
        if (initial == null || initial.isEmpty()) {
            subscription.cancel();
            throw unknownPeriod(query.period());
        }
        SseEmitter emitter = streams.open(STREAM_TIMEOUT, subscription::cancel);
        if (send(emitter, initial.get(), subscription)) {
            subscription.updates().subscribe(
                    overview -> send(emitter, overview, subscription),
                    error -> {
                        log.warn("Eligibility stream of {} ended by an error: {}", query.period().label(), error.toString());
                        emitter.completeWithError(error);
                    },
                    emitter::complete);
        }
        return emitter;
    }

    /** False when the client is gone: then the subscription is cancelled and the stream ends. */
    private static boolean send(SseEmitter emitter, EligibilityOverview overview,
                                SubscriptionQueryResult<?, ?> subscription) {
        try {
            emitter.send(SseEmitter.event().name("overview").data(overview, MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException e) {
            subscription.cancel();
            emitter.completeWithError(e);
            return false;
        }
    }

    /** Parses and checks the parameters, then waits for the read-your-writes position if one was given. */
    private FindEligibilityQuery overviewQuery(String period, HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request, STATUS, BUNDESLAND);
        AwardPeriod awardPeriod = parameters.take(() -> AwardPeriod.fromId(period), "period");
        EligibilityStatus status = parameters.enumValue(STATUS, EligibilityStatus.class);
        Bundesland land = parameters.bundesland(BUNDESLAND);
        Long position = parameters.position();
        parameters.throwIfAny();
        projections.awaitReadable(QueryProjections.ELIGIBILITY, position);
        return new FindEligibilityQuery(awardPeriod, status, land);
    }

    private <R> R ask(Object query, ResponseType<R> responseType) {
        try {
            return queries.query(query, responseType).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static NotFoundException unknownPeriod(AwardPeriod period) {
        return new NotFoundException("period", "no award period " + period.label() + " is known to the eligibility view");
    }
}
