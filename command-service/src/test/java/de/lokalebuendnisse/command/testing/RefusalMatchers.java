package de.lokalebuendnisse.command.testing;

import de.lokalebuendnisse.kernel.common.Refusal;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.Arrays;
import java.util.List;

/** Matchers for the details of a refused command. */
public final class RefusalMatchers {

    private RefusalMatchers() {
    }

    /** The refusal's kind and exactly these rule names (in any order), each with a detail. */
    public static Matcher<Refusal> refusal(Refusal.Kind kind, String... rules) {
        List<String> expected = Arrays.stream(rules).sorted().toList();
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Refusal actual, Description mismatch) {
                List<String> actualRules = actual.reasons().stream().map(Refusal.Reason::rule).sorted().toList();
                boolean detailed = actual.reasons().stream().allMatch(r -> r.detail() != null && !r.detail().isBlank());
                if (actual.kind() != kind || !actualRules.equals(expected) || !detailed) {
                    mismatch.appendText("was ").appendValue(actual);
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + kind + " refusal with exactly the rules ").appendValue(expected);
            }
        };
    }
}
