/**
 * Dockyard's own RSA keys for LTI: they sign the deep-linking responses and the client
 * assertions of AGS and NRPS token requests. Made and used with jose; kept in the database
 * (the private half sealed with AES-256-GCM under a key derived from the server secret, so a
 * copy of the database alone signs nothing). The newest key signs; the JWKS serves it and the
 * one before, so that a platform that cached the old one keeps verifying during a rotation.
 * A key older than the configured age is replaced on its next use.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { PrismaClient } from '../../generated/prisma/client';
import { deriveKey } from '../auth/derive-key';

export const SIGNING_ALGORITHM = 'RS256';

export interface LtiKeysDeps {
  prisma: PrismaClient;
  secret: string;
  /** Days a key signs before it is replaced. */
  rotateAfterDays: number;
  now?: () => Date;
}

export interface LtiKeyInfo {
  kid: string;
  createdAt: string;
}

export class LtiKeys {
  private readonly sealKey: Buffer;

  constructor(private readonly deps: LtiKeysDeps) {
    this.sealKey = createHash('sha256').update(deriveKey(deps.secret, 'lti-keys')).digest();
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The public keys platforms verify Dockyard's signatures with. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.current();
    const rows = await this.deps.prisma.ltiKey.findMany({ orderBy: { createdAt: 'desc' }, take: 2 });
    return { keys: rows.map((row) => row.publicJwk as JWK) };
  }

  /** The signing key's id and age, for the admin page. */
  async info(): Promise<LtiKeyInfo> {
    const row = await this.current();
    return { kid: row.kid, createdAt: row.createdAt.toISOString() };
  }

  /** A new signing key; the previous one stays in the JWKS, older ones go. */
  async rotate(): Promise<LtiKeyInfo> {
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' };
    const row = await this.deps.prisma.ltiKey.create({
      data: { kid, publicJwk, privateJwkSealed: this.seal(JSON.stringify(await exportJWK(privateKey))), createdAt: this.now() },
    });
    const kept = await this.deps.prisma.ltiKey.findMany({ orderBy: { createdAt: 'desc' }, take: 2, select: { kid: true } });
    await this.deps.prisma.ltiKey.deleteMany({ where: { kid: { notIn: kept.map((key) => key.kid) } } });
    return { kid: row.kid, createdAt: row.createdAt.toISOString() };
  }

  /** Signs a JWT with the current key (kid in its header). */
  async sign(payload: JWTPayload, lifetimeSeconds: number): Promise<string> {
    const row = await this.current();
    const key = await importJWK(JSON.parse(this.unseal(row.privateJwkSealed)) as JWK, SIGNING_ALGORITHM);
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: row.kid, typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(key);
  }

  private async current() {
    const newest = await this.deps.prisma.ltiKey.findFirst({ orderBy: { createdAt: 'desc' } });
    const maxAgeMs = this.deps.rotateAfterDays * 86_400_000;
    if (newest && this.now().getTime() - newest.createdAt.getTime() < maxAgeMs) return newest;
    await this.rotate();
    return this.deps.prisma.ltiKey.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  }

  private seal(text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
  }

  private unseal(value: string): string {
    const [iv, tag, sealed] = value.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !sealed) throw new Error('clé LTI illisible en base');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  }
}
