package org.coplan.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format, e.g. {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}: the parameters travel with each hash, so they can
 * be raised in a later release and every account is re-hashed with the new ones at its next
 * sign-in ({@link #needsRehash}). The defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes,
 * 1 lane), about 50 ms here; they make each guess cost an attacker the same.
 *
 * <p>Passwords are NFKC-normalised first, so the same password typed on two keyboards that
 * compose accents differently still matches.
 */
public final class PasswordHasher {
  /** Argon2id cost parameters. */
  public record Params(int memoryKib, int iterations, int parallelism) {
    public static final Params DEFAULT = new Params(19 * 1024, 2, 1);

    public Params {
      if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
        throw new IllegalArgumentException("invalid Argon2 parameters " + this);
      }
    }
  }

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final Params params;
  /** Checked against when the account does not exist, so that such attempts take as long. */
  private final String decoy;

  public PasswordHasher(Params params) {
    this.params = params;
    this.decoy = hash(Secrets.randomPassword(20));
  }

  public Params params() {
    return params;
  }

  public String hash(String password) {
    byte[] salt = Secrets.random(SALT_BYTES);
    byte[] hash = derive(password, salt, params, HASH_BYTES);
    return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code stored}; false for anything that is not our format. */
  public boolean verify(String password, String stored) {
    Optional<Parsed> parsed = parse(stored);
    if (parsed.isEmpty()) {
      return false;
    }
    Parsed p = parsed.get();
    byte[] candidate = derive(password, p.salt(), p.params(), p.hash().length);
    return MessageDigest.isEqual(candidate, p.hash());
  }

  /** Spends the time of one verification; for sign-ins with an unknown username. */
  public void verifyDecoy(String password) {
    verify(password, decoy);
  }

  /** Whether {@code stored} was made with other parameters than the current ones. */
  public boolean needsRehash(String stored) {
    return parse(stored).map(p -> !p.params().equals(params) || p.hash().length != HASH_BYTES).orElse(true);
  }

  /** The parameters a stored hash was made with. */
  public static Optional<Params> paramsOf(String stored) {
    return parse(stored).map(Parsed::params);
  }

  private record Parsed(Params params, byte[] salt, byte[] hash) {}

  private static Optional<Parsed> parse(String stored) {
    if (stored == null) {
      return Optional.empty();
    }
    Matcher m = PHC.matcher(stored);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Params p = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      return Optional.of(new Parsed(p, B64D.decode(m.group(4)), B64D.decode(m.group(5))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Each derivation holds {@code memoryKib} of heap; bounding how many run at once keeps a burst of
   * sign-ins from exhausting memory (200 threads × 19 MiB would be 3.8 GB).
   */
  private static final Semaphore RUNNING = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

  private static byte[] derive(String password, byte[] salt, Params p, int length) {
    RUNNING.acquireUninterruptibly();
    try {
      return deriveNow(password, salt, p, length);
    } finally {
      RUNNING.release();
    }
  }

  private static byte[] deriveNow(String password, byte[] salt, Params p, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKib())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build());
    byte[] out = new byte[length];
    generator.generateBytes(Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
