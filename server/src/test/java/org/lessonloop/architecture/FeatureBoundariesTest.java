package org.lessonloop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The feature boundaries of CONTRIBUTING's layout, held on the compiled main classes.
 *
 * <p>A feature is a package directly under {@code org.lessonloop} (with its subpackages:
 * {@code media.delivery} is part of {@code media}), except the shared packages every feature
 * builds on. Wiring (the root package's {@code Main} and {@code Application}, the {@code feature}
 * package's platform, the per-feature {@code *Feature} modules that supply a feature's routes
 * and jobs, and the {@code cli} package's admin commands) assembles features from their parts, so it may see every class of every feature, and
 * only wiring sees it; it still writes no SQL.
 */
@AnalyzeClasses(packages = "org.lessonloop", importOptions = ImportOption.DoNotIncludeTests.class)
class FeatureBoundariesTest {
    private static final String BASE = "org.lessonloop.";
    /** Wiring's own package: the platform every feature module is built over, and what a module is. */
    private static final String WIRING_PACKAGE = BASE + "feature";
    /** Packages every feature may use and which use no feature: plumbing, not product. */
    private static final Set<String> SHARED = Set.of("architecture", "config", "database", "db", "http", "problems", "storage");
    /**
     * jOOQ types a use case may hold and pass on: the handle to the database and its transactions.
     * A use case decides what commits together (a job queued in the transaction that marks a
     * recording uploaded), so it opens transactions and hands them to repositories; it never
     * builds a query, a condition or a field.
     */
    private static final Set<String> JOOQ_HANDLES = Set.of("org.jooq.DSLContext", "org.jooq.Configuration",
            "org.jooq.TransactionalRunnable", "org.jooq.TransactionalCallable");
    private static final Set<String> HANDLE_METHODS = Set.of("transaction", "transactionResult", "dsl");

    @ArchTest
    static final ArchRule featuresUseOnlyEachOthersApi = classes().that(inAFeature()).and(notWiring())
            .should(dependOnlyWhere("only on their own feature's classes, shared packages and other features' @FeatureApi classes",
                    (origin, target) -> !isWiring(target)
                            && (feature(target).isEmpty() || feature(target).equals(feature(origin)) || isApi(target))));

    @ArchTest
    static final ArchRule noRouteClassUsesAnotherFeaturesRoutes = classes().that().haveSimpleNameEndingWith("Routes")
            .should(dependOnlyWhere("on no other feature's *Routes class",
                    (origin, target) -> !isRoutes(target) || feature(target).equals(feature(origin))));

    @ArchTest
    static final ArchRule sharedPackagesUseNoFeature = classes().that(inShared())
            .should(dependOnlyWhere("on no feature and no wiring", (origin, target) -> feature(target).isEmpty() && !isWiring(target)));

    @ArchTest
    static final ArchRule jooqOnlyInRepositoriesAndDatabase = classes()
            .that().haveSimpleNameNotEndingWith("Repository")
            .and().resideOutsideOfPackages("org.lessonloop.database..", "org.lessonloop.db..")
            .should(dependOnlyWhere("on jOOQ's database and transaction handles at most (queries belong in *Repository classes)",
                    (origin, target) -> !isJooq(target) || JOOQ_HANDLES.contains(target.getName())))
            .andShould(callOnlyHandleMethods());

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.lessonloop.(**)").should().beFreeOfCycles()
            .ignoreDependency(DescribedPredicate.describe("generated jOOQ classes", FeatureBoundariesTest::isJooq), DescribedPredicate.alwaysTrue());

    private static ArchCondition<JavaClass> dependOnlyWhere(String description, BiPredicate<JavaClass, JavaClass> allowed) {
        return new ArchCondition<>("depend " + description) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (!target.equals(origin) && !allowed.test(origin, target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /**
     * A handle is only opened or passed on: a query built on it, or a condition handed to a
     * repository, would be SQL outside a repository.
     */
    private static ArchCondition<JavaClass> callOnlyHandleMethods() {
        return new ArchCondition<>("call no jOOQ method but opening a transaction, nor pass or take jOOQ's query types") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (JavaCodeUnitAccess<?> call : origin.getCodeUnitAccessesFromSelf()) {
                    var target = call.getTarget();
                    boolean queries = isJooq(call.getTargetOwner()) && !HANDLE_METHODS.contains(call.getName());
                    boolean passesQueryTypes = Stream.concat(target.getRawParameterTypes().stream(), Stream.of(target.getRawReturnType()))
                            .anyMatch(type -> isJooq(type) && !JOOQ_HANDLES.contains(type.getName()));
                    if (queries || passesQueryTypes) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        };
    }

    /** The feature a class belongs to, or empty for shared packages, wiring in the root package and libraries. */
    private static Optional<String> feature(JavaClass javaClass) {
        String packageName = javaClass.getPackageName();
        if (!packageName.startsWith(BASE)) {
            return Optional.empty();
        }
        String top = packageName.substring(BASE.length()).split("\\.")[0];
        return SHARED.contains(top) || inPackage(javaClass, WIRING_PACKAGE) ? Optional.empty() : Optional.of(top);
    }

    private static boolean isApi(JavaClass javaClass) {
        return javaClass.isAnnotatedWith(FeatureApi.class)
                || javaClass.getEnclosingClass().map(FeatureBoundariesTest::isApi).orElse(false);
    }

    private static boolean isRoutes(JavaClass javaClass) {
        return outermost(javaClass).getSimpleName().endsWith("Routes");
    }

    private static JavaClass outermost(JavaClass javaClass) {
        return javaClass.getEnclosingClass().map(FeatureBoundariesTest::outermost).orElse(javaClass);
    }

    /** jOOQ itself, or the classes it generates from the migrations. */
    private static boolean isJooq(JavaClass javaClass) {
        return inPackage(javaClass, "org.jooq") || inPackage(javaClass, BASE + "db");
    }

    private static boolean inPackage(JavaClass javaClass, String packageName) {
        return javaClass.getPackageName().equals(packageName) || javaClass.getPackageName().startsWith(packageName + ".");
    }

    private static DescribedPredicate<JavaClass> inAFeature() {
        return DescribedPredicate.describe("are in a feature", c -> feature(c).isPresent());
    }

    private static DescribedPredicate<JavaClass> inShared() {
        return DescribedPredicate.describe("are in a shared package",
                c -> c.getPackageName().startsWith(BASE) && feature(c).isEmpty() && !isJooq(c) && !isWiring(c));
    }

    /**
     * Wiring may see every feature's classes: the root package, the wiring package, the per-feature
     * {@code *Feature} modules, and {@code cli}: the admin command line is a second composition
     * root beside {@code Application} (one process per chore, building only the repositories and
     * use cases that chore needs over the same database), not a feature that others may call.
     */
    private static boolean isWiring(JavaClass javaClass) {
        return javaClass.getPackageName().equals("org.lessonloop") || inPackage(javaClass, WIRING_PACKAGE) || inPackage(javaClass, BASE + "cli")
                || (javaClass.getPackageName().startsWith(BASE) && outermost(javaClass).getSimpleName().endsWith("Feature"));
    }

    private static DescribedPredicate<JavaClass> notWiring() {
        return DescribedPredicate.describe("are not wiring", c -> !isWiring(c));
    }
}
