package dev.rigger.engine.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import java.security.Security;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SshConnectionTest {

    @Test
    void whatJschWouldTestOnEveryConnectionIsDecidedOnceForThisJvm() {
        Map<String, String> config = SshConnection.algorithms();
        if (Security.getProviders("KEM.ML-KEM") == null) {
            // JDK 17 to 23
            List<String> kex = List.of(config.get("kex").split(","));
            assertTrue(kex.stream().noneMatch(k -> k.startsWith("mlkem")), "no ML-KEM to offer: " + kex);
            // the rest of JSch's proposal, in its order
            assertEquals(List.of(JSch.getConfig("kex").split(",")).stream().filter(k -> !k.startsWith("mlkem")).toList(), kex);
            assertTrue(kex.contains("curve25519-sha256"));
            assertEquals("", config.get("CheckKexes"));
        } else {
            assertFalse(config.containsKey("kex"));
            assertTrue(List.of(config.get("CheckKexes").split(",")).stream().allMatch(k -> k.startsWith("mlkem")));
        }
        // Ed25519 and Ed448 are in every JDK from 15 on
        assertEquals("", config.get("CheckSignatures"));
    }
}
