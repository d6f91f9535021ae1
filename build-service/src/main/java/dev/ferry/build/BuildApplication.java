package dev.ferry.build;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Builds and pushes service images (Jib, ECR) and reports image.pushed. */
@SpringBootApplication
public class BuildApplication {

    public static void main(String[] args) {
        SpringApplication.run(BuildApplication.class, args);
    }
}
