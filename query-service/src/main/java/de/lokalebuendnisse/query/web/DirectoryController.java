package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.platform.query.NotFoundException;
import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.directory.DirectoryEntry;
import de.lokalebuendnisse.kernel.directory.DirectoryPage;
import de.lokalebuendnisse.kernel.directory.DirectorySort;
import de.lokalebuendnisse.kernel.directory.DirectoryStats;
import de.lokalebuendnisse.kernel.directory.FetchDirectoryStatsQuery;
import de.lokalebuendnisse.kernel.directory.FindDirectoryEntriesQuery;
import de.lokalebuendnisse.kernel.directory.FindDirectoryEntryQuery;
import de.lokalebuendnisse.query.config.QueryProjections;
import de.lokalebuendnisse.platform.projection.ReadSideProperties;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.http.OneOf;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The directory of the alliances for staff tools; answers come from the directory projection via Axon queries. */
@RestController
@RequestMapping("/api/directory")
@ProblemAnswers(503)
@Tag(name = "Directory", description = "Search the alliances by name, place, Bundesland, topic, status, form and seal")
class DirectoryController {

    static final int DEFAULT_PAGE_SIZE = 20;
    private static final Map<String, DirectorySort> SORTS = Map.of(
            "name", DirectorySort.NAME,
            "place", DirectorySort.PLACE,
            "bundesland", DirectorySort.BUNDESLAND,
            "foundedOn", DirectorySort.FOUNDED_ON,
            "activityLevel", DirectorySort.ACTIVITY_LEVEL);

    private final QueryGateway queries;
    private final Projections projections;
    private final int maxPageSize;

    DirectoryController(QueryGateway queries, Projections projections, ReadSideProperties properties) {
        this.queries = queries;
        this.projections = projections;
        this.maxPageSize = properties.query().maxPageSize();
    }

    @GetMapping
    @OneOf(value = Bundesland.class, by = "isoCode", parameter = "bundesland")
    @Operation(summary = "Search the directory",
            description = "q finds names and places regardless of case and umlauts; sort is one of name, place, "
                    + "bundesland, foundedOn, activityLevel, with a leading '-' for descending; page is zero-based. "
                    + "With X-Event-Position (or position) the answer waits until the directory has reached it.")
    @Parameters({
            @Parameter(name = "q", in = ParameterIn.QUERY, description = "search words"),
            @Parameter(name = "bundesland", in = ParameterIn.QUERY, description = "ISO 3166-2, e.g. DE-NW"),
            @Parameter(name = "topic", in = ParameterIn.QUERY, description = "a future topic",
                    schema = @Schema(implementation = FutureTopic.class)),
            @Parameter(name = "status", in = ParameterIn.QUERY, description = "the alliance's status",
                    schema = @Schema(implementation = BuendnisStatus.class)),
            @Parameter(name = "form", in = ParameterIn.QUERY, description = "organisation form",
                    schema = @Schema(implementation = OrganisationForm.class)),
            @Parameter(name = "seal", in = ParameterIn.QUERY, description = "holders of this period's seal, e.g. 2024-25"),
            @Parameter(name = "sort", in = ParameterIn.QUERY, description = "sort key, '-' prefix for descending"),
            @Parameter(name = "page", in = ParameterIn.QUERY, description = "zero-based page"),
            @Parameter(name = "size", in = ParameterIn.QUERY, description = "page size")})
    DirectoryPage search(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request, "q", "bundesland", "topic", "status", "form", "seal",
                "sort", "page", "size");
        String text = parameters.text("q", 200);
        Bundesland land = parameters.bundesland("bundesland");
        FutureTopic futureTopic = parameters.enumValue("topic", FutureTopic.class);
        BuendnisStatus buendnisStatus = parameters.enumValue("status", BuendnisStatus.class);
        OrganisationForm organisationForm = parameters.enumValue("form", OrganisationForm.class);
        String seal = parameters.text("seal", 7);
        AwardPeriod sealPeriod = seal == null ? null : parameters.take(() -> AwardPeriod.fromId(seal), "seal");
        String sortKey = parameters.oneOf("sort", "name", sortKeys());
        int pageNumber = parameters.page();
        int pageSize = parameters.size(DEFAULT_PAGE_SIZE, maxPageSize);
        Long position = parameters.position();
        parameters.throwIfAny();

        projections.awaitReadable(QueryProjections.DIRECTORY, position);
        boolean descending = sortKey.startsWith("-");
        FindDirectoryEntriesQuery query = new FindDirectoryEntriesQuery(text, land, futureTopic, buendnisStatus,
                organisationForm, sealPeriod, SORTS.get(descending ? sortKey.substring(1) : sortKey), descending,
                pageNumber, pageSize);
        return queries.query(query, ResponseTypes.instanceOf(DirectoryPage.class)).join();
    }

    @GetMapping("/stats")
    @Operation(summary = "Counts per Bundesland (all 16), per status and per seal period, for a map or dashboard")
    DirectoryStats stats(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request);
        Long position = parameters.position();
        parameters.throwIfAny();
        projections.awaitReadable(QueryProjections.DIRECTORY, position);
        return queries.query(new FetchDirectoryStatsQuery(), ResponseTypes.instanceOf(DirectoryStats.class)).join();
    }

    @GetMapping("/{id}")
    @ProblemAnswers(404)
    @Operation(summary = "One alliance of the directory",
            description = "Its contact persons (name, function, engagement, e-mail, phone, language, primary), "
                    + "opened at read time, for the Servicebüro (role staff) only; 'gelöscht' in every personal field "
                    + "of a contact whose data was erased. Other roles get contactCount and no contacts.")
    DirectoryEntry one(HttpServletRequest request, @PathVariable String id) {
        QueryParameters parameters = QueryParameters.of(request);
        BuendnisId buendnisId = parameters.take(() -> BuendnisId.of(id), "id");
        Long position = parameters.position();
        parameters.throwIfAny();
        projections.awaitReadable(QueryProjections.DIRECTORY, position);
        // personal data for those who keep the contacts up to date; auditors and services need the count at most
        boolean withContacts = request.isUserInRole(Role.STAFF.name());
        DirectoryEntry entry = queries.query(new FindDirectoryEntryQuery(buendnisId, withContacts),
                ResponseTypes.instanceOf(DirectoryEntry.class)).join();
        if (entry == null) {
            throw new NotFoundException("id", "no alliance " + id + " is in the directory");
        }
        return entry;
    }

    private static java.util.Set<String> sortKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>(SORTS.keySet());
        SORTS.keySet().forEach(key -> keys.add("-" + key));
        return keys;
    }
}
