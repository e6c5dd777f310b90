package dev.herald.core.tenancy;

/**
 * One of a tenant's keys for a purpose: its number, which what it signs carries so the right key checks it after a
 * rotation, and its secret (32 random bytes).
 */
public record SigningKey(int id, byte[] secret) {
}
