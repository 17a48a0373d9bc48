package org.lessonloop.architecture;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as part of its feature's public API: the only classes (with their nested types)
 * that other features may use. Everything else in a feature package is its own business, held so
 * by {@code architecture/FeatureBoundariesTest}. Names vary too much by feature (a policy, a
 * lifecycle, a record) for a naming rule, so the API is declared where it is written.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FeatureApi {
}
