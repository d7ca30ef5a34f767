package io.coinwatch.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.marketdata.CandleInterval;
import io.coinwatch.marketdata.MarketSymbol;
import io.coinwatch.marketdata.SymbolCatalog;
import io.coinwatch.support.BackfilledMarket;
import io.coinwatch.support.CoinwatchIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: Debian's headless Chromium through chromedriver, against the running app with the
 * simulated market backfilled. Screenshots go to target/screenshots/ for a human to look at.
 */
@CoinwatchIntegrationTest
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final long STEP = CandleInterval.BASE_MILLIS;

    @Autowired ProducerTemplate camel;
    @Autowired JdbcTemplate jdbc;
    @Autowired SymbolCatalog symbols;
    @LocalServerPort int port;

    private ChromeDriverService service;
    private ChromeDriver browser;

    @BeforeEach
    void browser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium here: install Debian's chromium and chromium-driver (.ci/run does) to run the dashboard test");
        BackfilledMarket.ensure(camel, jdbc);
        Files.createDirectories(Path.of("target"));
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1440,900", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void theChartRendersCandlesALiveUpdateArrivesAndHealthShowsTheState() throws IOException {
        MarketSymbol s = BackfilledMarket.oldest(symbols, 11);
        long last = jdbc.queryForObject("SELECT max(open_time) FROM candle WHERE symbol_id = ?", Timestamp.class, s.id()).getTime();
        jdbc.update("DELETE FROM candle WHERE symbol_id = ? AND open_time > ?", s.id(), Timestamp.from(Instant.ofEpochMilli(last - 3 * STEP)));

        browser.get("http://localhost:" + port + "/?exchange=bybit&interval=5m&symbol=" + s.symbol());

        await().atMost(Duration.ofSeconds(30)).until(() -> renderedCandles() > 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElement(By.id("live")).getAttribute("class").contains("on"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !browser.findElements(By.cssSelector("#health-components li")).isEmpty()
                && !browser.findElements(By.cssSelector("#backfill .exchange")).isEmpty());
        assertThat(browser.findElement(By.id("chart-title")).getText()).contains(s.symbol()).contains("5m");
        assertThat(browser.findElement(By.id("health-status")).getText()).isIn("UP", "DEGRADED", "DOWN");
        assertThat(browser.findElement(By.id("health-components")).getText()).contains("database").contains("broker");
        assertThat(browser.findElement(By.id("backfill")).getText()).contains("bybit").contains("symbols done");
        assertThat(browser.findElement(By.cssSelector("#gaps tbody")).getText()).contains("bybit");
        long before = renderedCandles();
        screenshot("dashboard-loaded");

        camel.sendBody("direct:kline-sync", null);

        await().atMost(Duration.ofSeconds(20)).until(() -> liveUpdates() >= 3);
        assertThat(renderedCandles()).isGreaterThanOrEqualTo(before + 3);
        assertThat(browser.findElement(By.id("chart-status")).getText()).contains("live updates: " + liveUpdates());
        screenshot("dashboard-live");

        browser.findElement(By.xpath("//div[@id='intervals']/button[text()='1h'] | //span[@id='intervals']/button[text()='1h']")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("chart-title")).getText().endsWith("1h")
                && renderedCandles() > 0);
        screenshot("dashboard-1h");
    }

    /** Candles in the chart library's own model, not in the page's variables. */
    private long renderedCandles() {
        Object count = ((JavascriptExecutor) browser).executeScript(
                "const c = window.echarts && echarts.getInstanceByDom(document.getElementById('chart'));"
                        + "return c ? c.getOption().series[0].data.length : 0;");
        return ((Number) count).longValue();
    }

    private long liveUpdates() {
        String value = browser.findElement(By.id("chart")).getAttribute("data-live-updates");
        return value == null ? 0 : Long.parseLong(value);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
