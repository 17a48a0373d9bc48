package org.lessonloop.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Starts the {@link RealServer} of a test class and fills its static {@code TestServer} and
 * {@code Organization} fields. The server is kept in the class's extension store, which closes it
 * when the class is done, whether its tests passed or not.
 */
public final class RealServerExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        Class<?> testClass = context.getRequiredTestClass();
        RealServer settings = AnnotationSupport.findAnnotation(testClass, RealServer.class).orElseThrow();
        Map<String, String> env = environment(settings);
        TestServer server = AnnotationSupport.isAnnotated(testClass, OnContainers.class)
                ? TestServer.startOn(Containers.freshDatabase(), Containers.freshBucket(), env)
                : TestServer.start(env);
        context.getStore(NAMESPACE).put(TestServer.class, server);
        Organization org = null;
        for (Field field : fields(testClass)) {
            field.setAccessible(true);
            if (field.getType() == TestServer.class) {
                field.set(null, server);
            } else {
                org = org == null ? Organization.in(server) : org;
                field.set(null, org);
            }
        }
    }

    private static Map<String, String> environment(RealServer settings) {
        Map<String, String> env = new HashMap<>();
        for (String variable : settings.env()) {
            int equals = variable.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("@RealServer env entries are NAME=value, not " + variable);
            }
            env.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        return env;
    }

    private static List<Field> fields(Class<?> testClass) {
        return ReflectionSupport.findFields(testClass, field -> Modifier.isStatic(field.getModifiers())
                && (field.getType() == TestServer.class || field.getType() == Organization.class), HierarchyTraversalMode.TOP_DOWN);
    }
}
