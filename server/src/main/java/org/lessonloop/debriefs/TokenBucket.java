package org.lessonloop.debriefs;

/** Bursts allowed, a steady flood not: {@code perSecond} refill, {@code burst} capacity. One socket's, used on its context. */
final class TokenBucket {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long at = System.nanoTime();

    TokenBucket(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
        at = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
