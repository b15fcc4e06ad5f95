package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.kernel.survey.ActivityDecision;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.survey.AmendSurvey;
import de.lokalebuendnisse.kernel.survey.AnswerScale;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.CloseSurveyCampaign;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.OpenSurveyCampaign;
import de.lokalebuendnisse.kernel.survey.SealCriterion;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SubmitSurvey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import de.lokalebuendnisse.platform.http.OneOf;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

@RestController
@RequestMapping("/api/survey-campaigns")
@ProblemAnswers({409, 422, 503})
@Tag(name = "Survey campaigns", description = "The yearly Bündnisumfrage")
class SurveyCampaignController {

    private final CommandDispatcher commands;

    SurveyCampaignController(CommandDispatcher commands) {
        this.commands = commands;
    }

    record CriterionRequest(@Schema(requiredMode = REQUIRED, pattern = "^[a-z0-9_-]{1,40}$") String id,
                            @Schema(requiredMode = REQUIRED, maxLength = 300) String title) {
    }

    record ScaleRequest(@Schema(requiredMode = REQUIRED) Integer min, @Schema(requiredMode = REQUIRED) Integer max) {
    }

    record OpenCampaignRequest(@Schema(requiredMode = REQUIRED) Integer year,
                               @Schema(requiredMode = REQUIRED, maxLength = 200) String title,
                               @Schema(requiredMode = REQUIRED) List<CriterionRequest> criteria,
                               @Schema(requiredMode = REQUIRED) ScaleRequest scale,
                               @Schema(requiredMode = REQUIRED) BigDecimal threshold,
                               @Schema(requiredMode = REQUIRED, format = "date") String opensOn,
                               @Schema(requiredMode = REQUIRED, format = "date") String closesOn) {
    }

    record ScoreRequest(@Schema(requiredMode = REQUIRED, maxLength = 40) String criterionId,
                        @Schema(requiredMode = REQUIRED) Integer score) {
    }

    record SurveyRequest(@Schema(requiredMode = REQUIRED) String buendnisId,
                         @Schema(requiredMode = REQUIRED) List<ScoreRequest> scores,
                         @Schema(requiredMode = REQUIRED) Boolean projektZukunftInterest,
                         @Schema(requiredMode = REQUIRED) @OneOf(SubmissionChannel.class) String channel) {
    }

    /** An amendment: as a submission, the alliance named by the path (the body may repeat it). */
    record SurveyAmendmentRequest(@Schema(description = "empty or the alliance in the path") String buendnisId,
                                  @Schema(requiredMode = REQUIRED) List<ScoreRequest> scores,
                                  @Schema(requiredMode = REQUIRED) Boolean projektZukunftInterest,
                                  @Schema(requiredMode = REQUIRED) @OneOf(SubmissionChannel.class) String channel) {
    }

    record CampaignResponse(int year) {
    }

    record SurveyResponse(int year, String buendnisId, BigDecimal activityLevel, BigDecimal threshold,
                          boolean sufficient) {

        static SurveyResponse of(int year, String buendnisId, ActivityDecision decision) {
            return new SurveyResponse(year, buendnisId, decision.activityLevel().mean(), decision.threshold(),
                    decision.sufficient());
        }
    }

    @PostMapping
    @Operation(summary = "Open the campaign of a year with its criteria, scale, threshold and window")
    ResponseEntity<CampaignResponse> open(@RequestBody OpenCampaignRequest request) {
        RequestViolations violations = new RequestViolations();
        CampaignYear year = violations.required("year", request.year()) == null ? null
                : violations.take(() -> CampaignYear.of(request.year()));
        List<SealCriterion> criteria = new ArrayList<>();
        if (violations.required("criteria", request.criteria()) != null) {
            for (int i = 0; i < request.criteria().size(); i++) {
                CriterionRequest c = request.criteria().get(i);
                String field = "criteria[" + i + "]";
                SealCriterion criterion = c == null ? violations.required(field, null)
                        : violations.take(field, () -> new SealCriterion(c.id(), c.title()));
                if (criterion != null) {
                    criteria.add(criterion);
                }
            }
        }
        AnswerScale scale = null;
        if (violations.required("scale", request.scale()) != null) {
            Integer min = violations.required("scale.min", request.scale().min());
            Integer max = violations.required("scale.max", request.scale().max());
            if (min != null && max != null) {
                scale = violations.take(() -> new AnswerScale(min, max));
            }
        }
        violations.required("threshold", request.threshold());
        LocalDate opensOn = violations.date("opensOn", request.opensOn());
        LocalDate closesOn = violations.date("closesOn", request.closesOn());
        violations.throwIfAny();
        AnswerScale answerScale = scale;
        OpenSurveyCampaign command = violations.take(() -> new OpenSurveyCampaign(year, request.title(), criteria,
                answerScale, request.threshold(), opensOn, closesOn));
        violations.throwIfAny();
        commands.send(command);
        return ResponseEntity.created(URI.create("/api/survey-campaigns/" + year.value()))
                .body(new CampaignResponse(year.value()));
    }

    @PostMapping("/{year}/submissions")
    @ProblemAnswers(404)
    @Operation(summary = "Submit one alliance's survey", description = "Answers every criterion exactly once.")
    ResponseEntity<SurveyResponse> submit(@PathVariable int year, @RequestBody SurveyRequest request) {
        RequestViolations violations = new RequestViolations();
        CampaignYear campaign = violations.take("year", () -> CampaignYear.of(year));
        BuendnisId buendnisId = violations.take(() -> BuendnisId.of(request.buendnisId()));
        Answers answers = answers(violations, request.scores(), request.projektZukunftInterest(), request.channel());
        violations.throwIfAny();
        ActivityDecision decision = commands.sendForAnswer(new SubmitSurvey(campaign, buendnisId, answers.scores(),
                answers.projektZukunftInterest(), answers.channel()));
        return ResponseEntity.status(HttpStatus.CREATED).body(SurveyResponse.of(year, buendnisId.value(), decision));
    }

    @PutMapping("/{year}/submissions/{buendnisId}")
    @ProblemAnswers(404)
    @Operation(summary = "Amend a submitted survey as a whole, until the campaign closes")
    SurveyResponse amend(@PathVariable int year, @PathVariable String buendnisId,
                         @RequestBody SurveyAmendmentRequest request) {
        RequestViolations violations = new RequestViolations();
        CampaignYear campaign = violations.take("year", () -> CampaignYear.of(year));
        BuendnisId id = violations.take(() -> BuendnisId.of(buendnisId));
        if (request.buendnisId() != null && !request.buendnisId().equals(buendnisId)) {
            violations.reject("buendnisId", "matches-path", "must be empty or equal to the alliance in the path");
        }
        Answers answers = answers(violations, request.scores(), request.projektZukunftInterest(), request.channel());
        violations.throwIfAny();
        ActivityDecision decision = commands.sendForAnswer(new AmendSurvey(campaign, id, answers.scores(),
                answers.projektZukunftInterest(), answers.channel()));
        return SurveyResponse.of(year, buendnisId, decision);
    }

    @PostMapping("/{year}/close")
    @ProblemAnswers(404)
    @Operation(summary = "Close the campaign: no submissions or amendments after this")
    CampaignResponse close(@PathVariable int year) {
        RequestViolations violations = new RequestViolations();
        CampaignYear campaign = violations.take("year", () -> CampaignYear.of(year));
        violations.throwIfAny();
        commands.send(new CloseSurveyCampaign(campaign));
        return new CampaignResponse(year);
    }

    /** What a submission and an amendment both carry. */
    private record Answers(List<CriterionScore> scores, Boolean projektZukunftInterest, SubmissionChannel channel) {
    }

    private static Answers answers(RequestViolations violations, List<ScoreRequest> rawScores,
                                   Boolean projektZukunftInterest, String rawChannel) {
        List<CriterionScore> scores = scores(violations, rawScores);
        violations.required("projektZukunftInterest", projektZukunftInterest);
        SubmissionChannel channel = violations.enumValue("channel", rawChannel, SubmissionChannel.class);
        return new Answers(scores, projektZukunftInterest, channel);
    }

    private static List<CriterionScore> scores(RequestViolations violations, List<ScoreRequest> raw) {
        List<CriterionScore> scores = new ArrayList<>();
        if (violations.required("scores", raw) == null) {
            return scores;
        }
        if (raw.isEmpty()) {
            violations.reject("scores", "not-empty", "must answer the campaign's criteria");
        }
        for (int i = 0; i < raw.size(); i++) {
            ScoreRequest score = raw.get(i);
            String field = "scores[" + i + "]";
            if (score == null || violations.required(field + ".score", score.score()) == null) {
                continue;
            }
            CriterionScore value = violations.take(field + ".criterionId",
                    () -> new CriterionScore(score.criterionId(), score.score()));
            if (value != null) {
                scores.add(value);
            }
        }
        return scores;
    }
}
