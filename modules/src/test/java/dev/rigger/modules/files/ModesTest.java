package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Symbolic modes as Ansible 2.14 reads them: each expected value is what AnsibleModule._symbolic_mode_to_octal answered (umask 022). */
class ModesTest {
    static Stream<Arguments> ansible() {
        return Stream.of(
                Arguments.of("u=rwX,g=rX,o=", 0600, false, 0640),
                Arguments.of("u=rwX,g=rX,o=", 0700, false, 0750),
                Arguments.of("u=rwX,g=rX,o=", 0700, true, 0750),
                Arguments.of("u=rwX,g=rX,o=", 0644, true, 0750),
                Arguments.of("u+x", 0644, false, 0744),
                Arguments.of("go-w", 0666, false, 0644),
                Arguments.of("a+r", 0600, false, 0644),
                Arguments.of("+x", 0600, false, 0711),
                Arguments.of("=r", 0777, false, 0444),
                Arguments.of("u=rw,g=r,o=r", 0777, false, 0644),
                Arguments.of("g=u", 0750, false, 0770),
                Arguments.of("o=g", 0754, false, 0755),
                Arguments.of("u+s,g+s", 0755, true, 06755),
                Arguments.of("+t", 0755, true, 01755),
                Arguments.of("o-rwx", 0777, true, 0770),
                Arguments.of("u=rwx,g-w+x,o=", 0664, false, 0750),
                Arguments.of("ug+rw", 0400, false, 0660),
                Arguments.of("a=", 0777, false, 00),
                Arguments.of("g+X", 0600, false, 0600),
                Arguments.of("g+X", 0610, false, 0610),
                Arguments.of("u=rw,u+x", 0600, false, 0700),
                Arguments.of("+w", 0444, false, 0644));
    }

    @ParameterizedTest(name = "{0} on {1} (dir {2})")
    @MethodSource("ansible")
    void symbolic_isReadAsAnsibleReadsIt(String mode, int current, boolean directory, int expected) {
        assertThat(Integer.toOctalString(Modes.symbolic(mode, current, directory))).isEqualTo(Integer.toOctalString(expected));
    }
}
