package dev.ferry.repo.github;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.util.Pack;

/**
 * libsodium's {@code crypto_box_seal}, the form GitHub takes Actions secrets in, composed from BouncyCastle's
 * primitives exactly as libsodium composes them: an ephemeral X25519 key pair; the nonce is BLAKE2b-192 of the
 * ephemeral public key and the recipient's; the box key is HSalsa20 of the X25519 shared secret (with a zero nonce);
 * the box is XSalsa20-Poly1305 ({@code crypto_secretbox}). The result is {@code ephemeral public key || tag || cipher}.
 */
public final class SealedBox {

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 24;
    private static final int TAG_BYTES = 16;

    private final SecureRandom random;

    public SealedBox(SecureRandom random) {
        this.random = random;
    }

    /** Seals {@code message} for the holder of the private key that goes with {@code recipientPublicKey}. */
    public byte[] seal(byte[] message, byte[] recipientPublicKey) {
        var ephemeral = new X25519PrivateKeyParameters(random);
        byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();
        byte[] nonce = nonce(ephemeralPublic, recipientPublicKey);
        byte[] key = boxKey(ephemeral, recipientPublicKey);
        byte[] sealed = new byte[KEY_BYTES + TAG_BYTES + message.length];
        System.arraycopy(ephemeralPublic, 0, sealed, 0, KEY_BYTES);
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = keystream(stream);
        stream.processBytes(message, 0, message.length, sealed, KEY_BYTES + TAG_BYTES);
        byte[] tag = tag(macKey, sealed, KEY_BYTES + TAG_BYTES, message.length);
        System.arraycopy(tag, 0, sealed, KEY_BYTES, TAG_BYTES);
        Arrays.fill(key, (byte) 0);
        return sealed;
    }

    /** Opens a box sealed for {@code recipientPrivateKey} ({@code crypto_box_seal_open}). */
    public static byte[] open(byte[] sealed, byte[] recipientPrivateKey) {
        if (sealed.length < KEY_BYTES + TAG_BYTES) {
            throw new IllegalArgumentException("a sealed box is at least 48 bytes");
        }
        var recipient = new X25519PrivateKeyParameters(recipientPrivateKey);
        byte[] ephemeralPublic = Arrays.copyOf(sealed, KEY_BYTES);
        byte[] nonce = nonce(ephemeralPublic, recipient.generatePublicKey().getEncoded());
        byte[] key = boxKey(recipient, ephemeralPublic);
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = keystream(stream);
        int length = sealed.length - KEY_BYTES - TAG_BYTES;
        byte[] expected = tag(macKey, sealed, KEY_BYTES + TAG_BYTES, length);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(sealed, KEY_BYTES, KEY_BYTES + TAG_BYTES))) {
            throw new IllegalArgumentException("the sealed box does not open with this key: forged or corrupted");
        }
        byte[] message = new byte[length];
        stream.processBytes(sealed, KEY_BYTES + TAG_BYTES, length, message, 0);
        return message;
    }

    /** BLAKE2b with a 24-byte output of the two public keys, as {@code crypto_box_seal} derives it. */
    private static byte[] nonce(byte[] ephemeralPublic, byte[] recipientPublic) {
        var blake2b = new Blake2bDigest(NONCE_BYTES * 8);
        blake2b.update(ephemeralPublic, 0, KEY_BYTES);
        blake2b.update(recipientPublic, 0, KEY_BYTES);
        byte[] nonce = new byte[NONCE_BYTES];
        blake2b.doFinal(nonce, 0);
        return nonce;
    }

    /** {@code crypto_box_beforenm}: HSalsa20 of the X25519 shared secret with an all-zero input. */
    private static byte[] boxKey(X25519PrivateKeyParameters own, byte[] otherPublic) {
        var agreement = new X25519Agreement();
        agreement.init(own);
        byte[] shared = new byte[KEY_BYTES];
        agreement.calculateAgreement(new X25519PublicKeyParameters(otherPublic), shared, 0);
        byte[] key = HSalsa20.of(shared);
        Arrays.fill(shared, (byte) 0);
        return key;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        var engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    /** The first 32 bytes of the stream are the one-time Poly1305 key ({@code crypto_secretbox}). */
    private static byte[] keystream(XSalsa20Engine stream) {
        byte[] macKey = new byte[KEY_BYTES];
        stream.processBytes(new byte[KEY_BYTES], 0, KEY_BYTES, macKey, 0);
        return macKey;
    }

    private static byte[] tag(byte[] macKey, byte[] data, int offset, int length) {
        var poly1305 = new Poly1305();
        poly1305.init(new KeyParameter(macKey));
        poly1305.update(data, offset, length);
        byte[] tag = new byte[TAG_BYTES];
        poly1305.doFinal(tag, 0);
        return tag;
    }

    /**
     * HSalsa20, taken from BouncyCastle's XSalsa20 rather than written again: keying XSalsa20 with a nonce whose first 16
     * bytes are zero leaves HSalsa20 of the key and those bytes in the key words of its state (state words 1 to 4 and
     * 11 to 14, little-endian), which is the subkey {@code crypto_box_beforenm} uses.
     */
    private static final class HSalsa20 extends XSalsa20Engine {
        private static final int[] KEY_WORDS = {1, 2, 3, 4, 11, 12, 13, 14};

        static byte[] of(byte[] key) {
            var engine = new HSalsa20();
            engine.init(true, new ParametersWithIV(new KeyParameter(key), new byte[NONCE_BYTES]));
            byte[] subkey = new byte[KEY_BYTES];
            for (int i = 0; i < KEY_WORDS.length; i++) {
                Pack.intToLittleEndian(engine.engineState[KEY_WORDS[i]], subkey, i * 4);
            }
            engine.reset();
            return subkey;
        }
    }
}
