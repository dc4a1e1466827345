package dev.bulwark.api;

import java.io.File;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.DeveloperPortal;
import dev.bulwark.support.PortalClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer portal of the local run, in a real browser (headless Chromium): alice opens the page,
 * authorizes on Keycloak's own login page (authorization code with PKCE), and calls the API from the page. What
 * the page shows is what the API answered.
 */
@Import(DeveloperPortal.class)
@TestPropertySource(properties = "bulwark.security.public-api-document=true")
class DeveloperPortalIT extends ApiIntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private PortalClient portalClient;

	private ChromeDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void openBrowser() {
		this.portalClient = PortalClient.registerFor("http://localhost:" + bootPort());
		ChromeOptions options = new ChromeOptions().setBinary(installed("BULWARK_CHROMIUM", "/usr/bin/chromium"))
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1200");
		ChromeDriverService driver = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(installed("BULWARK_CHROMEDRIVER", "/usr/bin/chromedriver")))
			.build();
		this.browser = new ChromeDriver(driver, options);
		this.wait = new WebDriverWait(this.browser, PATIENCE);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.portalClient.close();
	}

	@Test
	void customerSignsInThroughKeycloakAndCallsTheApiFromThePage() {
		this.browser.get("http://localhost:" + bootPort() + DeveloperPortal.PATH);
		signIn(ALICE);

		assertThat(execute("operations-callers-me", null)).isEqualTo("200");
		assertThat(this.browser.findElement(By.cssSelector("#operations-callers-me .live-responses-table")).getText())
			.contains("\"username\": \"alice\"");
		assertThat(execute("operations-orders-placeOrder", orderJson())).isEqualTo("201");
	}

	/**
	 * Authorize, in the authorization code flow's section of the dialog; Keycloak's login page opens in a window
	 * of its own, and closes once Swagger UI has the code.
	 */
	private void signIn(String username) {
		click(By.cssSelector(".auth-wrapper .btn.authorize"));
		String page = this.browser.getWindowHandle();
		click(By.cssSelector(".modal-ux .auth-container:first-of-type .btn.modal-btn.auth.authorize"));
		this.wait.until(browser -> browser.getWindowHandles().size() > 1);
		Set<String> windows = this.browser.getWindowHandles();
		windows.remove(page);
		this.browser.switchTo().window(windows.iterator().next());
		type(By.id("username"), username);
		click(By.id("kc-login"));
		type(By.id("password"), DevRealm.password(username));
		click(By.id("kc-login"));
		this.wait.until(browser -> browser.getWindowHandles().size() == 1);
		this.browser.switchTo().window(page);
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux .btn-done")));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".modal-ux"), "Logout"));
		click(By.cssSelector(".modal-ux .btn-done"));
	}

	/**
	 * Opens the operation, tries it out with the body given (if any) and returns the status the page shows.
	 */
	private String execute(String operation, String body) {
		String at = "#" + operation + " ";
		click(By.cssSelector(at + ".opblock-summary"));
		click(By.cssSelector(at + ".try-out__btn"));
		if (body != null) {
			WebElement editor = this.wait
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(at + "textarea.body-param__text")));
			editor.clear();
			editor.sendKeys(body);
		}
		click(By.cssSelector(at + ".btn.execute"));
		return this.wait
			.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector(at + ".live-responses-table tr.response .response-col_status")))
			.getText()
			.trim();
	}

	/**
	 * Debian's browser and driver (which {@code .ci/run} installs) unless the environment names others.
	 */
	private static String installed(String variable, String debian) {
		String path = System.getenv(variable);
		return (path != null && !path.isBlank()) ? path : debian;
	}

	private void click(By element) {
		this.wait.until(ExpectedConditions.elementToBeClickable(element)).click();
	}

	private void type(By element, String text) {
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(element)).sendKeys(text);
	}

}
