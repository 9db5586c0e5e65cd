import { createHash, randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../platform/roles.js';
import { IdentityErrors } from './identity.errors.js';

export interface AccessClaims {
  sub: string;
  role: Role;
  /** The user's token version when issued; a password change or deactivation bumps it. */
  tv: number;
}

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

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ role: claims.role, tv: claims.tv, type: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .setIssuer('raktar')
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'raktar' });
      if (payload.type !== 'access' || typeof payload.sub !== 'string' || typeof payload.tv !== 'number') {
        throw IdentityErrors.invalidToken();
      }
      return { sub: payload.sub, role: payload.role as Role, tv: payload.tv };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw IdentityErrors.invalidToken();
      throw error;
    }
  }
}
