package de.lokalebuendnisse.query.verification;

import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.seal.VerificationCode;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification page in a real browser: Debian's chromium, headless, driven by Selenium through Debian's
 * chromedriver (paths set, so Selenium Manager downloads nothing). The page must render its valid, revoked and
 * unknown states with its style applied under the Content-Security-Policy it is sent with (the browser reports no
 * violation); screenshots go to {@code target/screenshots/}. Runs only with {@code LBF_BROWSER_TESTS=true}
 * ({@code .ci/run} sets it and installs chromium and chromium-driver).
 */
@EnabledIfEnvironmentVariable(named = "LBF_BROWSER_TESTS", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealVerificationPageBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-seal-browser");
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    Projections projections;

    private ChromeDriver browser;
    private Path profile;
    private VerificationCode valid;
    private VerificationCode revoked;

    @BeforeAll
    void sealsAndABrowser() throws Exception {
        SealEvents events = new SealEvents(eventStore);
        events.register("hamm", "Lokales Bündnis für Familie Hamm", "05915000", Bundesland.NW, "Hamm");
        events.register("koeln", "Kölner Bündnis für Familien", "05315000", Bundesland.NW, "Köln");
        events.openPeriod();
        valid = events.grant("hamm");
        revoked = events.grant("koeln");
        events.revoke("koeln", "Kriterien nachträglich nicht erfüllt");
        // the page reads without a position; wait until the register has everything
        long head = projections.headPosition();
        projections.awaitReadable("seal-register", head);

        profile = Files.createTempDirectory("lbf-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("LBF_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1000,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("LBF_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void closeTheBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theValidStateRendersStyledAndWithoutViolations() throws Exception {
        WebElement state = open(valid.grouped(), "valid");

        assertThat(state.findElement(By.tagName("h1")).getText()).isEqualTo("Gültig");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Lokales Bündnis für Familie Hamm", "Ausgezeichnetes Bündnis 2024/25", "22.11.2024",
                        valid.grouped());
        // the inline style is applied: the CSP's hash allowed it
        assertThat(state.getCssValue("background-color")).isEqualTo("rgba(230, 244, 234, 1)");
        assertNoConsoleErrors();
    }

    @Test
    void theRevokedStateRendersStyledAndWithoutTheReason() throws Exception {
        WebElement state = open(revoked.value().toLowerCase(), "revoked");

        assertThat(state.findElement(By.tagName("h1")).getText()).isEqualTo("Widerrufen");
        assertThat(state.getText()).contains("widerrufen", "Der Grund wird nicht veröffentlicht");
        assertThat(browser.getPageSource()).doesNotContain("nachträglich");
        assertThat(state.getCssValue("background-color")).isEqualTo("rgba(253, 236, 234, 1)");
        assertNoConsoleErrors();
    }

    @Test
    void anUnknownCodeRendersTheUnknownState() throws Exception {
        WebElement state = open(VerificationCode.ofGrantEvent("nobody").grouped(), "unknown");

        assertThat(state.findElement(By.tagName("h1")).getText()).isEqualTo("Unbekannt");
    }

    private WebElement open(String code, String expected) throws Exception {
        browser.get("http://localhost:" + port + "/verify/" + code);
        WebElement state = browser.findElement(By.id("state"));
        assertThat(state.getDomAttribute("data-state")).isEqualTo(expected);
        Path shot = SCREENSHOTS.resolve("verification-" + expected + ".png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(shot)).isGreaterThan(1000);
        return state;
    }

    /** A style or script the policy refused would be reported here. */
    private void assertNoConsoleErrors() {
        List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(entries).filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .as("browser console").isEmpty();
    }
}
