package dev.rigger.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that needs the lab's real hosts. Run them all with the default build;
 * skip them with {@code -Dsurefire.excludedGroups=lab} on a machine that cannot run the lab.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
public @interface LabTest {
}
