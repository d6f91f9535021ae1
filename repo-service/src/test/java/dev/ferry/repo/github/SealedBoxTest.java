package dev.ferry.repo.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Ferry's sealed box against libsodium itself, through Debian's python3-nacl (PyNaCl over libsodium; CI installs it):
 * a box Ferry seals opens with {@code SealedBox(private).decrypt}, and a box libsodium seals opens in Ferry.
 */
class SealedBoxTest {

    /** Debian's python, which python3-nacl installs into; another python3 on the PATH may lack it. */
    private static final String PYTHON =
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder FROM_BASE64 = Base64.getDecoder();

    @Test
    void boxesFerrySealsOpenWithLibsodium() throws Exception {
        List<String> keys = python(
                "from nacl.public import PrivateKey; import base64\n" + "k = PrivateKey.generate()\n"
                        + "print(base64.b64encode(bytes(k)).decode()); print(base64.b64encode(bytes(k.public_key)).decode())",
                "");
        byte[] publicKey = FROM_BASE64.decode(keys.get(1));
        for (String secret : List.of("arn:aws:iam::123456789012:role/ci", "", "ü".repeat(300))) {
            byte[] sealed = new SealedBox(new SecureRandom()).seal(secret.getBytes(StandardCharsets.UTF_8), publicKey);

            List<String> opened = python(
                    "import sys, base64\nfrom nacl.public import PrivateKey, SealedBox\n"
                            + "key, box = sys.stdin.read().split()\n"
                            + "print(base64.b64encode(SealedBox(PrivateKey(base64.b64decode(key)))"
                            + ".decrypt(base64.b64decode(box))).decode())",
                    keys.get(0) + " " + BASE64.encodeToString(sealed));

            assertThat(new String(FROM_BASE64.decode(opened.getFirst()), StandardCharsets.UTF_8))
                    .isEqualTo(secret);
        }
    }

    @Test
    void opensBoxesLibsodiumSeals() throws Exception {
        List<String> made = python(
                "import base64\nfrom nacl.public import PrivateKey, SealedBox\n" + "k = PrivateKey.generate()\n"
                        + "print(base64.b64encode(bytes(k)).decode())\n"
                        + "print(base64.b64encode(SealedBox(k.public_key).encrypt(b'gitops-token-value')).decode())",
                "");

        byte[] opened = SealedBox.open(FROM_BASE64.decode(made.get(1)), FROM_BASE64.decode(made.get(0)));

        assertThat(new String(opened, StandardCharsets.UTF_8)).isEqualTo("gitops-token-value");
    }

    @Test
    void refusesABoxThatWasTamperedWith() throws Exception {
        var key = new X25519PrivateKeyParameters(new SecureRandom());
        byte[] sealed = new SealedBox(new SecureRandom())
                .seal(
                        "value".getBytes(StandardCharsets.UTF_8),
                        key.generatePublicKey().getEncoded());
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> SealedBox.open(sealed, key.getEncoded()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not open");
    }

    /** Runs a python3 program with nacl; fails (never skips) when python3-nacl is missing. */
    private static List<String> python(String program, String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON, "-c", program).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("python3 with nacl (apt-get install python3-nacl): %s", err)
                .isZero();
        return out.lines().toList();
    }
}
