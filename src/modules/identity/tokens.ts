import { createHash, randomBytes } from 'node:crypto';
import { type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Role } from '../../platform/roles.js';
import { UUID_PATTERN } from '../../platform/validation.js';
import { IdentityErrors } from './identity.errors.js';

export interface AccessClaims {
  sub: string;
  role: Role;
  /** The user's token version when issued; a password change or deactivation bumps it. */
  tv: number;
  /** The login (refresh-token family) it belongs to: ending that login refuses it at once. */
  sid?: string;
}

/** Verified access tokens remembered at most (the least recently used forgotten first). */
const VERIFIED_CAPACITY = 10_000;

/** Opaque random token for refresh and password-reset links; only its hash is stored. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Signs and verifies HS256 access tokens; no other algorithm (and never `none`) is accepted. */
export class AccessTokens {
  private readonly key: Uint8Array;
  /**
   * A client sends the same token with every request until it expires; its signature is checked
   * once and the exact token string remembered (a changed byte is a different key). Revocation
   * is unaffected: the user's token version is compared on every request.
   */
  private readonly verified = new LRUCache<string, { claims: AccessClaims; expiresAt: number }>({
    max: VERIFIED_CAPACITY,
  });

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({
      role: claims.role,
      tv: claims.tv,
      type: 'access',
      ...(claims.sid ? { sid: claims.sid } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .setIssuer('raktar')
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known.claims;
      this.verified.delete(token);
      throw IdentityErrors.invalidToken();
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: 'raktar',
        // A token that never expires is not one this service issued, whatever it is signed with.
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw IdentityErrors.invalidToken();
      throw error;
    }
    if (
      payload.type !== 'access' ||
      !UUID_PATTERN.test(payload.sub ?? '') ||
      typeof payload.tv !== 'number'
    ) {
      throw IdentityErrors.invalidToken();
    }
    if (payload.sid !== undefined && !UUID_PATTERN.test(String(payload.sid)))
      throw IdentityErrors.invalidToken();
    const claims: AccessClaims = {
      sub: payload.sub as string,
      role: payload.role as Role,
      tv: payload.tv,
      ...(typeof payload.sid === 'string' ? { sid: payload.sid } : {}),
    };
    this.verified.set(token, { claims, expiresAt: (payload.exp ?? 0) * 1000 });
    return claims;
  }
}
