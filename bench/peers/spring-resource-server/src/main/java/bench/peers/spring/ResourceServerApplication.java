package bench.peers.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A resource server as the Spring Security reference shows it: the starter, the issuer in application.yml, and
 * Spring Boot's own security filter chain (every request authenticated, bearer JWTs).
 */
@SpringBootApplication
public class ResourceServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ResourceServerApplication.class, args);
	}

}
