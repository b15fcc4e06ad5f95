package de.lokalebuendnisse.benchmarks.seed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A realistic history, deterministic from a seed, as commands to send through the command API: 650 alliances (at
 * scale 1) over the 16 Länder in proportion to their population (Nordrhein-Westfalen gets about 140), 10 to 100
 * partners each, profile updates, and three seasons shaped like 2023 to 2025: 230 online answers, 80 online answers,
 * then telephone interviews; two Werkstätten a year; 56, 31 and (at the ceremony) about 40 seals, renewals of
 * previous holders, a few revocations, pauses, resumptions and dissolutions. Every count scales with
 * {@code scale}, never below one.
 * <p>
 * The generator knows the rules it must respect (only active alliances answer, holders of a valid seal sit out the
 * survey, a grant needs a sufficient level, interest and attendance, or the previous seal and attendance), so every
 * command is meant to be accepted: a refusal during the seed is a bug of the generator and is counted.
 */
public final class SeedGenerator {

    /** Inhabitants in millions (Destatis, end of 2023), the weight of each Land. */
    public enum Land {
        BW("DE-BW", "08", 11.28, "Stuttgart", "Mannheim", "Karlsruhe", "Freiburg im Breisgau", "Ulm", "Heilbronn"),
        BY("DE-BY", "09", 13.37, "München", "Nürnberg", "Augsburg", "Regensburg", "Würzburg", "Ingolstadt"),
        BE("DE-BE", "11", 3.76, "Berlin-Mitte", "Berlin-Pankow", "Berlin-Neukölln", "Berlin-Spandau"),
        BB("DE-BB", "12", 2.57, "Potsdam", "Cottbus", "Brandenburg an der Havel", "Frankfurt (Oder)"),
        HB("DE-HB", "04", 0.68, "Bremen", "Bremerhaven"),
        HH("DE-HH", "02", 1.89, "Hamburg-Altona", "Hamburg-Wandsbek", "Hamburg-Harburg"),
        HE("DE-HE", "06", 6.39, "Frankfurt am Main", "Wiesbaden", "Kassel", "Darmstadt", "Offenbach", "Gießen"),
        MV("DE-MV", "13", 1.63, "Rostock", "Schwerin", "Greifswald", "Stralsund"),
        NI("DE-NI", "03", 8.14, "Hannover", "Braunschweig", "Oldenburg", "Osnabrück", "Göttingen", "Lüneburg"),
        NW("DE-NW", "05", 18.14, "Köln", "Düsseldorf", "Dortmund", "Essen", "Münster", "Hamm", "Bielefeld", "Aachen"),
        RP("DE-RP", "07", 4.16, "Mainz", "Ludwigshafen", "Koblenz", "Trier", "Kaiserslautern"),
        SL("DE-SL", "10", 0.99, "Saarbrücken", "Neunkirchen", "Homburg"),
        SN("DE-SN", "14", 4.09, "Leipzig", "Dresden", "Chemnitz", "Zwickau", "Plauen"),
        ST("DE-ST", "15", 2.19, "Magdeburg", "Halle (Saale)", "Dessau-Roßlau", "Wittenberg"),
        SH("DE-SH", "01", 2.95, "Kiel", "Lübeck", "Flensburg", "Neumünster"),
        TH("DE-TH", "16", 2.13, "Erfurt", "Jena", "Gera", "Weimar");

        public final String iso;
        final String agsPrefix;
        final double millions;
        final List<String> places;

        Land(String iso, String agsPrefix, double millions, String... places) {
            this.iso = iso;
            this.agsPrefix = agsPrefix;
            this.millions = millions;
            this.places = List.of(places);
        }
    }

    private static final String[] FORMS = {"DISCUSSION_CIRCLE", "WORKING_GROUP", "REGISTERED_ASSOCIATION"};
    private static final String[] FIELDS = {"WORK_FAMILY_BALANCE", "CHILD_CARE", "CROSS_GENERATIONAL_WORK",
            "HEALTH_AND_CARE", "PARENTING_RESPONSIBILITY", "FAMILY_FRIENDLY_ENVIRONMENT"};
    private static final String[] TOPICS = {"FAMILY_CARE_WORK_BALANCE", "CHILD_CARE", "LOW_INCOME_FAMILIES"};
    private static final String[] PARTNER_TYPES = {"COMPANY", "EMPLOYMENT_AGENCY", "MUNICIPALITY", "CHAMBER",
            "SCHOOL", "DAY_CARE", "ASSOCIATION", "WELFARE_ORGANISATION", "UNION", "CHURCH", "UNIVERSITY"};
    private static final String[] PARTNER_NAMES = {"Stadtwerke", "Agentur für Arbeit", "Stadtverwaltung", "IHK",
            "Grundschule am Park", "Kita Regenbogen", "Sportverein", "Caritasverband", "DGB-Ortsverband",
            "Evangelische Kirchengemeinde", "Hochschule", "Sparkasse", "Familienzentrum", "Jobcenter", "Handwerkskammer"};

    private final Random random;
    private final double scale;
    private final List<SeedStep> steps = new ArrayList<>();
    private final Map<String, String> status = new LinkedHashMap<>();
    private final Map<String, Land> landOf = new LinkedHashMap<>();
    private final Map<String, Integer> count = new LinkedHashMap<>();
    /** Alliances whose seal was revoked: they neither renew nor answer a survey again in this history. */
    private final Set<String> revoked = new LinkedHashSet<>();

    private SeedGenerator(long seed, double scale) {
        this.random = new Random(seed);
        this.scale = scale;
    }

    /** The whole seed for this seed and scale (1 = the real size, 650 alliances). */
    public static SeedPlan generate(long seed, double scale) {
        return new SeedGenerator(seed, scale).plan();
    }

    /** How many alliances of {@code total} each Land gets: by population, largest remainders first. */
    public static Map<Land, Integer> allocate(int total) {
        double all = 0;
        for (Land land : Land.values()) {
            all += land.millions;
        }
        Map<Land, Integer> shares = new EnumMap<>(Land.class);
        Map<Land, Double> remainders = new EnumMap<>(Land.class);
        int given = 0;
        for (Land land : Land.values()) {
            double exact = total * land.millions / all;
            shares.put(land, (int) exact);
            remainders.put(land, exact - (int) exact);
            given += (int) exact;
        }
        List<Land> byRemainder = new ArrayList<>(List.of(Land.values()));
        byRemainder.sort((a, b) -> Double.compare(remainders.get(b), remainders.get(a)));
        for (int i = 0; given < total; i++, given++) {
            Land land = byRemainder.get(i % byRemainder.size());
            shares.merge(land, 1, Integer::sum);
        }
        return shares;
    }

    private int scaled(int real) {
        return Math.max(1, (int) Math.round(real * scale));
    }

    private SeedPlan plan() {
        int alliances = Math.max(4, (int) Math.round(650 * scale));
        List<String> ids = registrations(alliances);
        partners(ids);

        // 2023: online survey, period 2023/24 with 56 grants, no previous holders
        Set<String> holders2023 = season(2023, "ONLINE", scaled(230), ids, Set.of(), scaled(56), 0, false);
        revoke("2023-24", holders2023, Math.max(1, scaled(2)));
        pausesAndDissolutions(ids, scaled(12), scaled(6), LocalDate.of(2023, 12, 31));
        profileUpdates(ids, scaled(60));

        // 2024: online survey without the holders of 2023/24; 31 seals, about a third renewals
        Set<String> holders2024 = season(2024, "ONLINE", scaled(80), ids, holders2023, scaled(20), scaled(11), false);
        close("/api/seal-awards/2023-24/close", "close period 2023/24");
        revoke("2024-25", holders2024, 1);
        pausesAndDissolutions(ids, scaled(10), scaled(5), LocalDate.of(2024, 12, 31));
        profileUpdates(ids, scaled(60));

        // 2025: telephone interviews; the ceremony grants every eligible alliance at once
        Set<String> holders2025 = season(2025, "INTERVIEW", scaled(150), ids, holders2024, scaled(30), scaled(10), true);
        close("/api/seal-awards/2024-25/close", "close period 2024/25");
        revoke("2025-26", holders2025, 1);
        int commands = steps.stream().mapToInt(s -> s instanceof SeedStep.Batch b ? b.commands().size() : 0).sum();
        Map<String, Long> perLand = landOf.values().stream()
                .collect(Collectors.groupingBy(l -> l.iso, LinkedHashMap::new, Collectors.counting()));
        return new SeedPlan(List.copyOf(steps), alliances, commands, Collections.unmodifiableMap(count), perLand);
    }

    private List<String> registrations(int alliances) {
        Map<Land, Integer> shares = allocate(alliances);
        List<SeedCommand> commands = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Land land : Land.values()) {
            for (int i = 0; i < shares.get(land); i++) {
                String id = "lbf-" + land.iso.substring(3).toLowerCase(Locale.ROOT) + "-" + (i + 1);
                ids.add(id);
                landOf.put(id, land);
                status.put(id, "ACTIVE");
                commands.add(new SeedCommand("service", "POST", "/api/buendnisse",
                        "{\"id\":\"" + id + "\"," + profile(land, i).substring(1)));
            }
        }
        Collections.shuffle(commands, random); // registrations arrive mixed, not Land by Land
        Collections.shuffle(ids, random);
        batch("registrations", commands);
        return ids;
    }

    private String profile(Land land, int i) {
        String place = land.places.get(random.nextInt(land.places.size()));
        String ags = land.agsPrefix + String.format(Locale.ROOT, "%06d", 1 + random.nextInt(999_998));
        LocalDate founded = LocalDate.of(2004, 1, 1).plusDays(random.nextInt(365 * 12));
        Set<String> fields = new LinkedHashSet<>();
        int fieldCount = 1 + random.nextInt(4);
        while (fields.size() < fieldCount) {
            fields.add(FIELDS[random.nextInt(FIELDS.length)]);
        }
        Set<String> topics = new LinkedHashSet<>();
        int topicCount = random.nextInt(3);
        while (topics.size() < topicCount) {
            topics.add(TOPICS[random.nextInt(TOPICS.length)]);
        }
        String name = (random.nextBoolean() ? "Lokales Bündnis für Familie " : "Familienbündnis ") + place
                + (i % 3 == 0 ? "" : " " + (char) ('A' + random.nextInt(26)) + (1 + random.nextInt(40)));
        return "{\"name\":\"" + name + "\",\"municipalityKey\":\"" + ags + "\",\"place\":\"" + place
                + "\",\"bundesland\":\"" + land.iso + "\",\"organisationForm\":\"" + FORMS[random.nextInt(FORMS.length)]
                + "\",\"foundedOn\":\"" + founded + "\""
                + (random.nextInt(3) == 0 ? "" : ",\"website\":\"https://familie-" + i + "." + land.iso.substring(3)
                .toLowerCase(Locale.ROOT) + ".example.de\"")
                + ",\"fieldsOfAction\":" + array(fields) + ",\"futureTopics\":" + array(topics) + "}";
    }

    /** 10 to 100 partners, most alliances nearer 10 than 100 (about 37 on average). */
    private void partners(List<String> ids) {
        List<SeedCommand> commands = new ArrayList<>();
        for (String id : ids) {
            double r = random.nextDouble();
            int partners = 10 + (int) Math.round(90 * r * r);
            for (int p = 1; p <= partners; p++) {
                commands.add(new SeedCommand("service", "POST", "/api/buendnisse/" + id + "/partners",
                        "{\"partnerId\":\"p" + p + "\",\"name\":\"" + PARTNER_NAMES[random.nextInt(PARTNER_NAMES.length)]
                                + " " + p + "\",\"type\":\"" + PARTNER_TYPES[random.nextInt(PARTNER_TYPES.length)]
                                + "\"}"));
            }
        }
        Collections.shuffle(commands, random);
        batch("partners", commands);
    }

    /**
     * One season: the campaign with {@code answers} answers over {@code channel}, the award period with two
     * Werkstätten, {@code newSeals} alliances made eligible through the survey and {@code renewals} previous
     * holders renewing by attendance, a few attendees who miss a criterion, then the grants (one by one, or at the
     * ceremony). Returns the holders of the period's seal.
     */
    private Set<String> season(int year, String channel, int answers, List<String> ids, Set<String> previousHolders,
                               int newSeals, int renewals, boolean byCeremony) {
        String period = year + "-" + String.format(Locale.ROOT, "%02d", (year + 1) % 100);
        String label = year + "/" + String.format(Locale.ROOT, "%02d", (year + 1) % 100);
        single("open campaign " + year, new SeedCommand("staff", "POST", "/api/survey-campaigns", """
                {"year":%d,"title":"Bündnisumfrage %d","scale":{"min":0,"max":4},"threshold":3.0,\
                "criteria":[{"id":"vernetzung","title":"Vernetzung und Partner"},{"id":"aktivitaeten",\
                "title":"Aktivitäten und Projekte"},{"id":"sichtbarkeit","title":"Öffentlichkeitsarbeit"}],\
                "opensOn":"%d-03-01","closesOn":"%d-06-30"}""".formatted(year, year, year, year)));
        // who may answer: active, and no seal valid in this year (the previous period's holders renew instead)
        List<String> candidates = new ArrayList<>(ids.stream()
                .filter(id -> status.get(id).equals("ACTIVE") && !previousHolders.contains(id)
                        && !revoked.contains(id)).toList());
        Collections.shuffle(candidates, random);
        List<String> answering = candidates.subList(0, Math.min(answers, candidates.size()));
        int grantees = Math.min(newSeals, answering.size());
        int missing = Math.min(Math.max(1, grantees / 5), answering.size() - grantees);
        List<SeedCommand> submissions = new ArrayList<>();
        for (int i = 0; i < answering.size(); i++) {
            int[] scores;
            boolean interest;
            if (i < grantees) { // sufficient (mean >= 3) and interested
                scores = new int[] {3 + random.nextInt(2), 3 + random.nextInt(2), 3 + random.nextInt(2)};
                interest = true;
            } else if (i < grantees + missing) { // will attend, but below the threshold
                scores = new int[] {1 + random.nextInt(2), 2, 1 + random.nextInt(3)};
                interest = true;
            } else { // anything; does not attend
                scores = new int[] {random.nextInt(5), random.nextInt(5), random.nextInt(5)};
                interest = random.nextInt(100) < 45;
            }
            submissions.add(new SeedCommand("service", "POST", "/api/survey-campaigns/" + year + "/submissions",
                    "{\"buendnisId\":\"" + answering.get(i) + "\",\"scores\":[{\"criterionId\":\"vernetzung\","
                            + "\"score\":" + scores[0] + "},{\"criterionId\":\"aktivitaeten\",\"score\":" + scores[1]
                            + "},{\"criterionId\":\"sichtbarkeit\",\"score\":" + scores[2] + "}],"
                            + "\"projektZukunftInterest\":" + interest + ",\"channel\":\"" + channel + "\"}"));
        }
        batch("survey " + year + " (" + channel.toLowerCase(Locale.ROOT) + ")", submissions);
        // a few of those who do not attend amend their answers before the campaign closes
        List<SeedCommand> amendments = new ArrayList<>();
        for (int i = grantees + missing; i < answering.size() && amendments.size() < Math.max(1, answers / 20); i++) {
            amendments.add(new SeedCommand("service", "PUT", "/api/survey-campaigns/" + year + "/submissions/"
                    + answering.get(i), "{\"scores\":[{\"criterionId\":\"vernetzung\",\"score\":" + random.nextInt(3)
                    + "},{\"criterionId\":\"aktivitaeten\",\"score\":" + random.nextInt(5) + "},{\"criterionId\":"
                    + "\"sichtbarkeit\",\"score\":" + random.nextInt(5) + "}],\"projektZukunftInterest\":"
                    + random.nextBoolean() + ",\"channel\":\"" + channel + "\"}"));
        }
        batch("survey " + year + " amendments", amendments);
        single("close campaign " + year, new SeedCommand("staff", "POST", "/api/survey-campaigns/" + year + "/close",
                null));

        String ceremonyDate = year == 2025 ? "2025-11-14" : year + "-11-22";
        single("open period " + label, new SeedCommand("staff", "POST", "/api/seal-awards", """
                {"period":"%s","surveyYear":%d,"sealName":"%s","ceremony":{"date":"%s","place":"Berlin"},\
                "renewalRule":"RENEW_BY_WERKSTATT_ATTENDANCE"}""".formatted(label, year,
                year == 2025 ? "Ausgezeichnet in die Zukunft" : "Ausgezeichnetes Bündnis " + label, ceremonyDate)));
        batch("Werkstätten " + year, List.of(
                werkstatt(period, "nuernberg-" + year, "Metropolregion Nürnberg", "Nürnberg", year + "-09-12"),
                werkstatt(period, "hamm-" + year, "Nordrhein-Westfalen", "Hamm", year + "-10-08")));

        List<String> renewing = new ArrayList<>(previousHolders.stream()
                .filter(id -> status.get(id).equals("ACTIVE") && !revoked.contains(id)).sorted().toList());
        Collections.shuffle(renewing, random);
        renewing = renewing.subList(0, Math.min(renewals, renewing.size()));
        List<String> attendees = new ArrayList<>(answering.subList(0, grantees + missing));
        attendees.addAll(renewing);
        List<SeedCommand> attendances = new ArrayList<>();
        for (String id : attendees) {
            String werkstatt = (landOf.get(id) == Land.BY || landOf.get(id) == Land.BW || landOf.get(id) == Land.SN
                    || landOf.get(id) == Land.TH || landOf.get(id) == Land.HE ? "nuernberg-" : "hamm-") + year;
            boolean representative = random.nextInt(100) < 20;
            attendances.add(new SeedCommand("service", "POST", "/api/seal-awards/" + period + "/attendances",
                    "{\"werkstattId\":\"" + werkstatt + "\",\"buendnisId\":\"" + id + "\",\"mode\":\""
                            + (representative ? "REPRESENTATIVE\",\"representativeOrganisation\":\"Stadtverwaltung, "
                            + "Familienbüro\"}" : "SELF\"}")));
        }
        batch("attendances " + year, attendances);

        List<String> eligible = new ArrayList<>(answering.subList(0, grantees));
        eligible.addAll(renewing);
        steps.add(new SeedStep.AwaitEligible(period, eligible.size()));
        if (byCeremony) {
            single("ceremony " + label, new SeedCommand("staff", "POST", "/api/seal-awards/" + period + "/ceremony",
                    null));
        } else {
            batch("grants " + label, eligible.stream().map(id -> new SeedCommand("staff", "POST",
                    "/api/seal-awards/" + period + "/grants", "{\"buendnisId\":\"" + id + "\"}")).toList());
            single("ceremony " + label, new SeedCommand("staff", "POST", "/api/seal-awards/" + period + "/ceremony",
                    null));
        }
        count.put("seals " + label, eligible.size());
        count.put("renewals " + label, renewing.size());
        count.put("answers " + year, answering.size());
        return new LinkedHashSet<>(eligible);
    }

    private SeedCommand werkstatt(String period, String id, String region, String place, String date) {
        return new SeedCommand("service", "POST", "/api/seal-awards/" + period + "/werkstaetten",
                "{\"werkstattId\":\"" + id + "\",\"region\":\"" + region + "\",\"place\":\"" + place
                        + "\",\"date\":\"" + date + "\",\"format\":\"IN_PERSON\"}");
    }

    private void revoke(String period, Set<String> holders, int revocations) {
        List<String> sorted = new ArrayList<>(holders.stream().sorted().toList());
        Collections.shuffle(sorted, random);
        List<String> chosen = sorted.subList(0, Math.min(revocations, sorted.size()));
        revoked.addAll(chosen);
        List<SeedCommand> commands = chosen.stream()
                .map(id -> new SeedCommand("staff", "POST", "/api/seal-awards/" + period + "/revocations",
                        "{\"buendnisId\":\"" + id + "\",\"reason\":\"Angaben der Umfrage nicht belegt\"}")).toList();
        count.merge("revocations", commands.size(), Integer::sum);
        batch("revocations " + period, commands);
    }

    /** Pauses (two in three resume again later in the same step's batch of resumptions) and dissolutions. */
    private void pausesAndDissolutions(List<String> ids, int pauses, int dissolutions, LocalDate dissolvedOn) {
        List<String> active = new ArrayList<>(ids.stream().filter(id -> status.get(id).equals("ACTIVE")).toList());
        Collections.shuffle(active, random);
        List<SeedCommand> pause = new ArrayList<>();
        List<SeedCommand> resume = new ArrayList<>();
        List<SeedCommand> dissolve = new ArrayList<>();
        int i = 0;
        for (; i < Math.min(pauses, active.size()); i++) {
            String id = active.get(i);
            pause.add(new SeedCommand("service", "POST", "/api/buendnisse/" + id + "/pause",
                    "{\"reason\":\"Koordination unbesetzt\"}"));
            if (i % 3 != 0) {
                resume.add(new SeedCommand("service", "POST", "/api/buendnisse/" + id + "/resume", null));
            } else {
                status.put(id, "PAUSED");
            }
        }
        for (int d = 0; d < dissolutions && i < active.size(); d++, i++) {
            String id = active.get(i);
            dissolve.add(new SeedCommand("service", "POST", "/api/buendnisse/" + id + "/dissolve",
                    "{\"dissolvedOn\":\"" + dissolvedOn + "\",\"reason\":\"Aufgelöst, Aufgaben an das Familienbüro\"}"));
            status.put(id, "DISSOLVED");
        }
        count.merge("pauses", pause.size(), Integer::sum);
        count.merge("resumptions", resume.size(), Integer::sum);
        count.merge("dissolutions", dissolve.size(), Integer::sum);
        batch("pauses " + dissolvedOn.getYear(), pause);
        batch("resumptions " + dissolvedOn.getYear(), resume);
        batch("dissolutions " + dissolvedOn.getYear(), dissolve);
    }

    private void profileUpdates(List<String> ids, int updates) {
        List<String> active = new ArrayList<>(ids.stream().filter(id -> !status.get(id).equals("DISSOLVED")).toList());
        Collections.shuffle(active, random);
        List<SeedCommand> commands = new ArrayList<>();
        for (String id : active.subList(0, Math.min(updates, active.size()))) {
            commands.add(new SeedCommand("service", "PUT", "/api/buendnisse/" + id + "/profile",
                    profile(landOf.get(id), random.nextInt(1000))));
        }
        count.merge("profile updates", commands.size(), Integer::sum);
        batch("profile updates", commands);
    }

    private void close(String path, String name) {
        single(name, new SeedCommand("staff", "POST", path, null));
    }

    private void single(String name, SeedCommand command) {
        batch(name, List.of(command));
    }

    private void batch(String name, List<SeedCommand> commands) {
        if (!commands.isEmpty()) {
            steps.add(new SeedStep.Batch(name, List.copyOf(commands)));
        }
    }

    private static String array(Set<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
