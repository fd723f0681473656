package org.openucwa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward: the domain knows nothing of HTTP, JSON or XML. The Maven modules
 * already keep the core from seeing the store, the directory over LDAP, the cluster and the HTTP
 * edge (ARCHITECTURE.md, Modules); these rules check what the modules cannot: libraries that reach
 * a module only through another, and the packages inside a module.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void read() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.openucwa");
  }

  @Test
  void the_domain_depends_on_no_http_json_or_xml() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.openucwa.directory..",
            "org.openucwa.application..",
            "org.openucwa.events..",
            "org.openucwa.auth..",
            "org.openucwa.operation..",
            "org.openucwa.resource..",
            "org.openucwa.error..",
            "org.openucwa.routing..",
            "org.openucwa.conversation..",
            "org.openucwa.people..",
            "org.openucwa.meeting..",
            "org.openucwa.audit..",
            "org.openucwa.history..",
            "org.openucwa.writes..")
        .should()
        .dependOnClassesThat()
        // the JSON library reaches the core with the users file's YAML parser; XML is in the JDK
        .resideInAnyPackage("com.fasterxml.jackson.databind..", "javax.xml..")
        .check(classes);
  }

  @Test
  void the_domain_knows_no_sql_only_the_jdbc_store_does() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.openucwa.store.jdbc..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "com.zaxxer..",
            "org.flywaydb..",
            "org.h2..",
            "org.postgresql..")
        .check(classes);
  }

  @Test
  void the_resource_model_knows_no_media_type() {
    noClasses()
        .that()
        .resideInAPackage("org.openucwa.resource..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml..", "javax.xml..", "org.openucwa.format..")
        .check(classes);
  }

  @Test
  void only_the_server_adapter_touches_the_server_library() {
    noClasses()
        .that()
        .haveNameNotMatching("org\\.openucwa\\.web\\.(HelidonServer|Connections)(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.helidon..")
        .check(classes);
  }

  @Test
  void only_the_metrics_package_touches_the_metrics_library() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.openucwa.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.micrometer..")
        .check(classes);
  }

  @Test
  void only_the_cluster_package_touches_the_distributed_engine() {
    // the engine reaches the server module through the cluster module: only the cluster uses it
    noClasses()
        .that()
        .resideOutsideOfPackage("org.openucwa.cluster..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.hazelcast..")
        .check(classes);
  }

  @Test
  void packages_have_no_cycles() {
    slices().matching("org.openucwa.(*)..").should().beFreeOfCycles().check(classes);
  }
}
