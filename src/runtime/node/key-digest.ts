// The offered gateway key's SHA-256 with Node's synchronous crypto: the same 32 bytes as the
// Web Crypto digest the configured keys are hashed with, without a promise and a thread-pool
// hop per request. Compared in constant time by auth/constant-time-equal.ts.
import { createHash } from 'node:crypto';
import type { KeyDigest } from '../../auth/constant-time-equal.ts';

export const nodeKeyDigest: KeyDigest = (value) => createHash('sha256').update(value, 'utf8').digest();
