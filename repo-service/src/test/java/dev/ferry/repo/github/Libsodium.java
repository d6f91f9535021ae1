package dev.ferry.repo.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * libsodium itself, through Debian's python3-nacl (CI installs it): key pairs and sealed boxes made and opened by the
 * library GitHub's documentation uses, to check Ferry's boxes against. Fails, never skips, when python3-nacl is missing.
 */
public final class Libsodium {

    /** Debian's python, which python3-nacl installs into; another python3 on the PATH may lack it. */
    private static final String PYTHON =
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    /** A key pair libsodium generated, both halves base64 as GitHub shows a public key. */
    public record KeyPair(String privateKey, String publicKey) {}

    private Libsodium() {}

    public static KeyPair generate() {
        List<String> keys = python(
                "from nacl.public import PrivateKey; import base64\nk = PrivateKey.generate()\n"
                        + "print(base64.b64encode(bytes(k)).decode()); print(base64.b64encode(bytes(k.public_key)).decode())",
                "");
        return new KeyPair(keys.get(0), keys.get(1));
    }

    /** Opens a base64 sealed box with {@code SealedBox(private).decrypt}; the message as UTF-8 text. */
    public static String open(String sealedBase64, KeyPair keys) {
        List<String> opened = python(
                "import sys, base64\nfrom nacl.public import PrivateKey, SealedBox\n"
                        + "key, box = sys.stdin.read().split()\n"
                        + "print(base64.b64encode(SealedBox(PrivateKey(base64.b64decode(key)))"
                        + ".decrypt(base64.b64decode(box))).decode())",
                keys.privateKey() + " " + sealedBase64);
        return new String(Base64.getDecoder().decode(opened.getFirst()), StandardCharsets.UTF_8);
    }

    /** Seals {@code message} with libsodium for {@code keys}' public key; base64. */
    public static String seal(String message, KeyPair keys) {
        return python(
                        "import sys, base64\nfrom nacl.public import PublicKey, SealedBox\n"
                                + "key, message = sys.stdin.read().split()\n"
                                + "print(base64.b64encode(SealedBox(PublicKey(base64.b64decode(key)))"
                                + ".encrypt(base64.b64decode(message))).decode())",
                        keys.publicKey() + " "
                                + Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)))
                .getFirst();
    }

    private static List<String> python(String program, String input) {
        try {
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
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON + " (apt-get install python3-nacl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
