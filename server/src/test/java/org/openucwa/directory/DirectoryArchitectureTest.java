package org.openucwa.directory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DirectoryArchitectureTest {

  static {
    // ArchUnit logs every class it reads at DEBUG; the build has no test logging config to stop it.
    if (LoggerFactory.getLogger("com.tngtech.archunit") instanceof Logger logger) {
      logger.setLevel(Level.INFO);
    }
  }

  @Test
  void the_directory_depends_on_nothing_of_http_or_json_rendering() {
    JavaClasses directory = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.openucwa.directory");

    classes().should().onlyDependOnClassesThat().resideInAnyPackage(
            "org.openucwa.directory..", "java..", "javax.crypto..",
            "com.fasterxml.jackson.core..", "com.fasterxml.jackson.dataformat.yaml..",
            "org.yaml.snakeyaml..")
        .check(directory);
  }
}
