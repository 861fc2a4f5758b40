package dev.rigger.modules.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SASLprep as PostgreSQL's pg_saslprep: RFC 4013's examples, and verifiers a PostgreSQL 15 server made of non-ASCII passwords. */
class SaslprepTest {
    @Test
    void rfc4013Examples() {
        assertThat(Saslprep.prepare("I\u00adX")).isEqualTo("IX");            // soft hyphen mapped to nothing
        assertThat(Saslprep.prepare("user")).isEqualTo("user");
        assertThat(Saslprep.prepare("USER")).isEqualTo("USER");              // case preserved
        assertThat(Saslprep.prepare("\u00aa")).isEqualTo("a");               // NFKC
        assertThat(Saslprep.prepare("\u2168")).isEqualTo("IX");              // NFKC
        assertThat(Saslprep.prepare("\u0627\u0031")).isNull();                // bidirectional check
        // <U+0007> alone: pg_saslprep takes any ASCII string as it is; with a non-ASCII character it is prohibited
        assertThat(Saslprep.prepare("\u0007")).isEqualTo("\u0007");
        assertThat(Saslprep.prepare("\u0007\u00e9")).isNull();
    }

    @Test
    void mapping_spacesBeforeNothing_andWhatIsRefused() {
        assertThat(Saslprep.prepare("a\u200bb")).as("U+200B is in C.1.2 and B.1: pg_saslprep maps it to a space").isEqualTo("a b");
        assertThat(Saslprep.prepare("\uff21\u00a0\uff42")).isEqualTo("A b");
        assertThat(Saslprep.prepare("\u00ad")).as("nothing left").isNull();
        assertThat(Saslprep.prepare("x\u0221")).as("unassigned in Unicode 3.2 (A.1), assigned since").isNull();
        assertThat(Saslprep.prepare("x\ue000")).as("private use (C.3)").isNull();
        assertThat(Saslprep.prepare("\u0627x\u0628")).as("RandALCat with LCat").isNull();
        assertThat(Saslprep.prepare("\u0627\u0628")).isEqualTo("\u0627\u0628");
        // checked before NFKC, as pg_saslprep does: U+FB1D is RandALCat, its NFKC ends with a mark that is not
        assertThat(Saslprep.prepare("\ufb1d")).isEqualTo("\u05d9\u05b4");
    }

    @Test
    void aRefusedPassword_keysScramWithItsOwnBytes() {
        assertThat(Saslprep.key("\u0627x\u0628")).isEqualTo("\u0627x\u0628".getBytes(StandardCharsets.UTF_8));
        assertThat(Saslprep.key("\u2168")).isEqualTo("IX".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tables_areRfc3454s() {
        assertThat(Saslprep.ranges(StringprepTables.A1)).hasSize(2 * 396);
        assertThat(Saslprep.ranges(StringprepTables.D1)).hasSize(2 * 34);
        assertThat(Saslprep.ranges(StringprepTables.D2)).hasSize(2 * 360);
        int[] b1 = Saslprep.ranges(StringprepTables.B1);
        assertThat(Saslprep.in(b1, 0xfe0f)).isTrue();
        assertThat(Saslprep.in(b1, 0xfe10)).isFalse();
        assertThat(Saslprep.in(Saslprep.ranges(StringprepTables.PROHIBITED), 0x10ffff)).isTrue();
    }

    /** Name, password, and the verifier PostgreSQL 15 stored for it (CREATE ROLE ... PASSWORD, password_encryption scram-sha-256). */
    static Stream<Arguments> serverVerifiers() {
        return Stream.of(
                Arguments.of("rfc1_soft_hyphen", "I\u00adX", "SCRAM-SHA-256$4096:wkCXPrBpZaKhC8vZ9hBv4Q==$Xh88P0YygvNeIj6Le3cfSWmcK7kMGPjwhkYTNvHVirc=:jlIK1u2v0+NWDHpY1wxiV/s4xtlg/fzPWRPIHo9CpfI="),
                Arguments.of("rfc4_feminine_ordinal", "\u00aa", "SCRAM-SHA-256$4096:X5sQPPLcq8dMilvHSg5IbA==$4TU9wLdlSsTzJIJT0cv1iPe5OH+eJ6LKViWf6/F9YUE=:hnUSxjQ6MPwXmiYE0ZG29Z0dJHESMSaktp02s+JODk4="),
                Arguments.of("rfc5_roman_nine", "\u2168", "SCRAM-SHA-256$4096:Hd11YYyL8kmpRJC0n26fpA==$fJZG+IMlCVPdK8PuD7kj31SJ6d7aAQKvwHCcUu2ix0I=:RPoJ/wnE9r4rKncKmmG/ebeY6mq7Q0T+wPGPVf61UNw="),
                Arguments.of("rfc6_control_with_nonascii", "a\u0007\u00e9", "SCRAM-SHA-256$4096:6SDnaqsjulVpGFTRnmwfxQ==$lXUAdrl2SOT2ot+4P76EH7r9a49wNUD2hvO7o5nT/+8=:ZAroUwwLHHlbsa8CJNzXJzByAqdubyShOE2HE3sNLFA="),
                Arguments.of("rfc7_bidi_digit_last", "\u06271", "SCRAM-SHA-256$4096:Ccg6931q0KSkgV28LGht4Q==$/iIt6ImczlSIRnq95XblWNRXCJrR7g/p+VIrzR2VyoQ=:aCJW+pgl//MJ0mLwzIHj+DMBJ0RbKgwk/5OsiJ14OfY="),
                Arguments.of("only_mapped_to_nothing", "\u00ad", "SCRAM-SHA-256$4096:OgUQKkWiVTp3eeHOSmEpGQ==$WjbsmKhGXoz5SfnBfB/n4TyS6r0JnlLrV2E8oe1Xhh8=:YnHHtWafNNoWv1EHchCOhcSYLOHTfURTffM7yDu0ycU="),
                Arguments.of("latin", "p\u00e4ssw\u00f6rd", "SCRAM-SHA-256$4096:W4rSL0/QtkIH+m0/60La/Q==$qwZ6kOoDWmpgITltcw3h2wxgoABpMiB51sciei6z87E=:buvSFzrAGCfdI38w2/s3T/cCrbxrcVesUzA2jElQn6Q="),
                Arguments.of("zero_width_space", "a\u200bb", "SCRAM-SHA-256$4096:XJqLG4vu4e7pVXSdKVr/4w==$iz89ghuzpHepJvkRAgPbN4Vf6lpR73Y/DwV4PUKCBEA=:vJ0++y2+hVCvrlm842XxCc9ddqtNwTTYo26EzuKdUcI="),
                Arguments.of("hebrew_presentation", "\ufb1d", "SCRAM-SHA-256$4096:MgoFPl+e6aHtsPWM7zjl8Q==$CRtyNJ8bPtuvzh1v6Gz4JcJZb8PefHApgu/QxuqpGVw=:JxOEC34x7Ndmf2qefqsEjhhWF+j+bdi2eqdX/KsWJLg="),
                Arguments.of("unassigned_in_3_2", "x\u0221", "SCRAM-SHA-256$4096:6RJbPzgYgBMwr1R/OdQyyg==$AvhItZ6mlqkUtXlxROf/cbjeIZAgShwgE1kK3Ev2y7Y=:ptL95EIBJULuHUd25Sgr2y2OKh0+ScE47mAzyygyVRI="),
                Arguments.of("rtl_with_ltr", "\u0627x\u0628", "SCRAM-SHA-256$4096:aDrds4i3hyNGGC13kbjHgw==$r+lAXT/69VZyMAdH2mU5wTNOgzChheQyvoTtEm8GQEs=:XwaXUo3+iUYod6/nbuukYiibpZ7+XscbYOufkmfgVhY="),
                Arguments.of("nbsp_and_fullwidth", "\uff21\u00a0\uff42", "SCRAM-SHA-256$4096:neQyC+G3jm5BC7ri9oU9og==$Y55vaNCHcL28Dqz3iWDgpbAxkTQ+AleUyWY17zvQmZM=:2MK1EJK0WPxMH8qeJR/Th24Axt96hbDeJ5DbapvjYJY="),
                Arguments.of("arabic_rtl_ok", "\u0627\u0628", "SCRAM-SHA-256$4096:YXIbYS8dfCZpe3FgMbHsxA==$LC8PCNGtmhU5l4lAd+hEI564BxM/bsMmdKarKcbhVsE=:beHmW3s20e0JFbX0nCB79OZqp3ic8vuGS0COfHTMdD8="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverVerifiers")
    void theServersVerifier_matchesThePassword(String name, String password, String verifier) {
        assertThat(PgPassword.scramMatches(password, verifier)).isTrue();
        assertThat(PgPassword.scramMatches(password + "x", verifier)).isFalse();
    }
}
