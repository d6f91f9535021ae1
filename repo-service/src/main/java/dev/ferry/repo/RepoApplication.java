package dev.ferry.repo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Splits repositories with their history (JGit) and reports repo.split. */
@SpringBootApplication
public class RepoApplication {

    public static void main(String[] args) {
        SpringApplication.run(RepoApplication.class, args);
    }
}
