package de.lokalebuendnisse.query.seal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.seal.FindSealByVerificationCodeQuery;
import de.lokalebuendnisse.kernel.seal.FindSealGrantQuery;
import de.lokalebuendnisse.kernel.seal.FindSealGrantsOfPeriodQuery;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.SealGrantView;
import de.lokalebuendnisse.kernel.seal.VerificationCode;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Answers the seal register's queries; a document the grant event has not reached yet (no code) is no grant. */
@Component
public class SealRegisterQueryHandler {

    private final MongoCollection<Document> grants;

    public SealRegisterQueryHandler(MongoDatabase queryDatabase) {
        this.grants = queryDatabase.getCollection(SealRegisterProjection.COLLECTION);
    }

    @QueryHandler
    public SealGrantView find(FindSealByVerificationCodeQuery query) {
        Document grant = grants.find(Filters.eq("code", query.code().value())).first();
        return grant == null ? null : viewOf(grant);
    }

    @QueryHandler
    public SealGrantView find(FindSealGrantQuery query) {
        Document grant = grants.find(Filters.and(
                Filters.eq("_id", SealRegisterProjection.idOf(query.period(), query.buendnisId())),
                Filters.exists("code"))).first();
        return grant == null ? null : viewOf(grant);
    }

    @QueryHandler
    public List<SealGrantView> find(FindSealGrantsOfPeriodQuery query) {
        List<SealGrantView> views = new ArrayList<>();
        grants.find(Filters.and(Filters.eq("period", query.period().label()), Filters.exists("code")))
                .sort(Sorts.ascending("sortName", "buendnisId"))
                .forEach(grant -> views.add(viewOf(grant)));
        return views;
    }

    private static SealGrantView viewOf(Document d) {
        String land = d.getString("bundesland");
        return new SealGrantView(new VerificationCode(d.getString("code")), AwardPeriod.of(d.getString("period")),
                d.getString("sealName"), BuendnisId.of(d.getString("buendnisId")), d.getString("allianceName"),
                d.getString("place"), d.getString("municipalityKey"), land,
                land == null ? null : Bundesland.ofIsoCode(land).germanName(),
                date(d, "grantedOn"), d.getBoolean("atCeremony", false), date(d, "ceremonyDate"),
                d.getString("ceremonyPlace"), GrantBasis.valueOf(d.getString("basis")),
                d.getString("previousPeriod") == null ? null : AwardPeriod.of(d.getString("previousPeriod")),
                date(d, "revokedOn"), d.get("position", Number.class).longValue());
    }

    private static LocalDate date(Document d, String field) {
        String value = d.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }
}
