package org.lessonloop.http;

/**
 * Bursts allowed, a steady flood not: {@code perSecond} refill, {@code burst} capacity. One
 * socket's limit on what it may send (the live channel's and a debrief's), used on its context.
 */
public final class TokenBucket {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long at = System.nanoTime();

    public TokenBucket(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    /** Takes one token if there is one. */
    public boolean take() {
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
