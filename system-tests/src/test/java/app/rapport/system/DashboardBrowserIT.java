package app.rapport.system;

import app.rapport.testing.PackagedStack;
import app.rapport.testing.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ops dashboard in a real browser (Debian's headless Chromium) against the running gateway:
 * sign in as a demo user, read the funnel, create an ask through the API, and watch the funnel
 * change live, without a reload.
 */
class DashboardBrowserIT {
    static PackagedStack stack;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        stack = PackagedStack.get();
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install chromium chromium-driver (.ci/run does this)");
        }
        Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static RequestSpecification as(String sub, String... roles) {
        return RestAssured.given().baseUri(stack.gatewayUrl())
                .header("Authorization", "Bearer " + TestTokens.token(sub, roles))
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static int requested7d() {
        String text = browser.findElement(By.id("funnel-requested-7d")).getText().trim();
        return text.matches("\\d+") ? Integer.parseInt(text) : -1;
    }

    @Test
    void theFunnelMovesLiveWhenAnAskIsCreated() throws Exception {
        // an advocate the gate knows about, so an ask can be made
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String advocateId = as("u-pam", "programme-manager").body(Map.of(
                        "name", "Lin Okafor", "email", "lin." + suffix + "@example.com",
                        "account", Map.of("id", "acc-b-" + suffix, "name", "Contoso " + suffix),
                        "ownerId", "u-olivia", "tags", List.of("dashboards"), "activities", List.of("REVIEW")))
                .when().post("/api/advocates").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                as("u-rick", "requester").queryParam("advocateId", advocateId).queryParam("activity", "REVIEW")
                        .when().get("/api/eligibility").then().statusCode(200).body("eligible", equalTo(true)));

        // 1. sign in as a demo programme manager
        browser.get(stack.gatewayUrl() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("signin-u-pm"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));

        // 2. read the funnel
        wait.until(d -> requested7d() >= 0);
        int before = requested7d();
        // mark this page: a reload would lose the mark
        Object pageId = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return window.__rapportPageId = Math.random();");

        // 3. create an ask through the API
        as("u-rick", "requester").body(Map.of("advocateId", advocateId, "activity", "REVIEW",
                        "context", Map.of("need", "A G2 review")))
                .when().post("/api/asks").then().statusCode(201);

        // 4. the funnel changes within seconds, without a reload
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> requested7d() > before);
        Object samePage = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return window.__rapportPageId;");
        assertTrue(pageId.equals(samePage), "the page was not reloaded");

        // 5. a screenshot for people to look at
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "dashboard.png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 10_000, "a real screenshot was saved");
    }
}
