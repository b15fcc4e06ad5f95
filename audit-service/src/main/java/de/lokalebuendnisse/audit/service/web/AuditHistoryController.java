package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.kernel.audit.AuditHistoryPage;
import de.lokalebuendnisse.kernel.audit.FindAuditHistoryQuery;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.audit.service.history.AuditExport;
import de.lokalebuendnisse.audit.service.history.AuditListings;
import de.lokalebuendnisse.audit.service.config.AuditProjections;
import de.lokalebuendnisse.platform.projection.ReadSideProperties;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The yearly audit history: a JSON page by default; the whole year as a CSV or JSON download with
 * {@code Accept: text/csv} or {@code ?format=csv|json}. Only all-digit years are mapped here, so the later
 * {@code /api/audit/…} resources (replay, verify, as-of) stay free, while {@code /api/audit/24} is answered with a
 * 400 that says why.
 */
@RestController
@RequestMapping("/api/audit")
@ProblemAnswers(503)
@Tag(name = "Audit history")
class AuditHistoryController {

    static final String YEAR_PATH = "/{year:\\d+}";
    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final int DEFAULT_PAGE_SIZE = 50;

    private static final String PAGE = "page";
    private static final String SIZE = "size";
    private static final String FORMAT = "format";

    private enum Format { CSV, JSON }

    private final QueryGateway queryGateway;
    private final Projections projections;
    private final ReadSideProperties properties;
    private final JsonMapper jsonMapper;
    private final AuditListings listings;

    AuditHistoryController(QueryGateway queryGateway, Projections projections, ReadSideProperties properties,
                           JsonMapper jsonMapper, AuditListings listings) {
        this.queryGateway = queryGateway;
        this.projections = projections;
        this.properties = properties;
        this.jsonMapper = jsonMapper;
        this.listings = listings;
    }

    @GetMapping(YEAR_PATH)
    @Operation(summary = "One page of a calendar year's audit history (Europe/Berlin), in event-store order, "
            + "each entry with time, caller, correlation id and a German reason")
    AuditHistoryPage page(@PathVariable String year, HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request, PAGE, SIZE, FORMAT);
        Integer calendarYear = year(parameters, year);
        int page = parameters.page();
        int size = parameters.size(DEFAULT_PAGE_SIZE, properties.query().maxPageSize());
        Long position = parameters.position();
        parameters.throwIfAny();
        projections.awaitReadable(AuditProjections.AUDIT_HISTORY, position);
        return query(new FindAuditHistoryQuery(calendarYear, page, size));
    }

    @GetMapping(value = YEAR_PATH, produces = "text/csv")
    @Operation(summary = "The whole year as CSV (UTF-8 with BOM, ';'-separated, CRLF), for Accept: text/csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String year, HttpServletRequest request) {
        return export(year, request, Format.CSV);
    }

    /** Chosen over the two above whenever {@code format} is given (Spring prefers the mapping naming a parameter). */
    @GetMapping(value = YEAR_PATH, params = FORMAT)
    @Operation(summary = "The whole year as a download: format=csv or format=json")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String year, HttpServletRequest request) {
        return export(year, request, null);
    }

    /** @param accepted the format the Accept header chose; null when the {@code format} parameter decides */
    private ResponseEntity<StreamingResponseBody> export(String year, HttpServletRequest request, Format accepted) {
        QueryParameters parameters = QueryParameters.of(request, PAGE, SIZE, FORMAT);
        Integer calendarYear = year(parameters, year);
        Format format = accepted;
        if (accepted == null) {
            // null: an unknown format, already collected as a violation; "": given empty
            String chosen = parameters.oneOf(FORMAT, "", Set.of("csv", "json"));
            if ("".equals(chosen)) {
                parameters.take(() -> {
                    throw new InvalidValueException(FORMAT, "required", "must be csv or json");
                }, FORMAT);
            } else if (chosen != null) {
                format = Format.valueOf(chosen.toUpperCase(Locale.ROOT));
            }
        }
        for (String paging : new String[] {PAGE, SIZE}) {
            if (request.getParameter(paging) != null) {
                parameters.take(() -> {
                    throw new InvalidValueException(paging, "not-with-export",
                            "the download is always the whole year; " + paging + " applies to the JSON page only");
                }, paging);
            }
        }
        Long position = parameters.position();
        parameters.throwIfAny();
        // before the body starts: a projection behind the caller's write can still be answered with 503
        projections.awaitReadable(AuditProjections.AUDIT_HISTORY, position);

        int exportYear = calendarYear;
        // read chunk by chunk while written, so memory stays flat however long the year (see AuditListings)
        String listing = AuditListings.ofYear(exportYear);
        boolean csv = format == Format.CSV;
        StreamingResponseBody body = csv
                ? out -> AuditExport.csv(listings.entries(listing, Long.MAX_VALUE), out)
                : out -> AuditExport.json("year", exportYear, listings.entries(listing, Long.MAX_VALUE), out,
                        jsonMapper);
        String filename = "audit-" + exportYear + (csv ? ".csv" : ".json");
        return ResponseEntity.ok()
                .contentType(csv ? TEXT_CSV : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(body);
    }

    /** A calendar year from the initiative's start (2004) on; collected as a violation otherwise. */
    private static Integer year(QueryParameters parameters, String year) {
        return parameters.take(() -> {
            if (year.length() != 4 || year.compareTo("2004") < 0 || year.compareTo("2999") > 0) {
                throw new InvalidValueException("year", "year-range", "must be a calendar year from 2004 to 2999");
            }
            return Integer.valueOf(year);
        }, "year");
    }

    private AuditHistoryPage query(FindAuditHistoryQuery query) {
        try {
            return queryGateway.query(query, ResponseTypes.instanceOf(AuditHistoryPage.class)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
