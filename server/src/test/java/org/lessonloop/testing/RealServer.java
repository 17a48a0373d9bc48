package org.lessonloop.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class runs against one {@link TestServer}, started before its first test and closed
 * after its last. Its static fields of type {@link TestServer} and {@link Organization} are set
 * before any {@code @BeforeAll} method runs (the organization only when such a field exists).
 * A subclass marked {@link OnContainers} runs the same tests on MinIO and a stock PostgreSQL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RealServerExtension.class)
public @interface RealServer {
    /** Variables added to the server's environment, each {@code NAME=value}. */
    String[] env() default {};
}
