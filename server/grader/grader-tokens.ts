/**
 * Per-class access tokens of the grader API: the class's instructor (or an admin) makes one
 * for an LMS or a script, sees it once, and revokes it when it is no longer needed. A token
 * grants read access to its one class only. Only its hash is stored (grader-token-format.ts).
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import type { ClassService } from '../classes/class-service';
import { AppError, ConflictError, NotFoundError } from '../errors';
import { bearerToken, generateGraderToken, hashGraderToken } from './grader-token-format';

export interface GraderTokenView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A token the API accepted: the one class it grants. */
export interface GraderGrant {
  tokenId: string;
  classroomId: string;
}

export interface GraderTokensDeps {
  prisma: PrismaClient;
  classes: ClassService;
  now?: () => Date;
}

/** Ten live tokens per class is plenty (one per LMS or script); more is a leak waiting to happen. */
export const MAX_TOKENS_PER_CLASS = 10;

export class GraderTokenRequiredError extends AppError {
  constructor() {
    super("Jeton d'accès manquant, invalide ou révoqué : envoyez l'en-tête « Authorization: Bearer dkg_… » avec un jeton créé sur la page de la classe.", 401);
  }
}

export class GraderTokens {
  constructor(private readonly deps: GraderTokensDeps) {}

  private get prisma() {
    return this.deps.prisma;
  }

  /** A new token; the plain value is returned this once and never again. */
  async create(actor: SignedInUser, classId: string, name: string): Promise<{ token: string; view: GraderTokenView }> {
    await this.requireManaged(actor, classId);
    const count = await this.prisma.graderToken.count({ where: { classroomId: classId } });
    if (count >= MAX_TOKENS_PER_CLASS) {
      throw new ConflictError(`Cette classe a déjà ${MAX_TOKENS_PER_CLASS} jetons : révoquez ceux qui ne servent plus avant d'en créer un autre.`);
    }
    const token = generateGraderToken();
    const row = await this.prisma.graderToken.create({
      data: { classroomId: classId, name, tokenHash: hashGraderToken(token), createdById: actor.id },
    });
    return { token, view: toView(row) };
  }

  async list(actor: SignedInUser, classId: string): Promise<GraderTokenView[]> {
    await this.requireManaged(actor, classId);
    const rows = await this.prisma.graderToken.findMany({ where: { classroomId: classId }, orderBy: { createdAt: 'asc' } });
    return rows.map(toView);
  }

  async revoke(actor: SignedInUser, classId: string, tokenId: string): Promise<void> {
    await this.requireManaged(actor, classId);
    const { count } = await this.prisma.graderToken.deleteMany({ where: { id: tokenId, classroomId: classId } });
    if (count === 0) throw new NotFoundError('Ce jeton a déjà été révoqué : rechargez la page.');
  }

  /** The class an `Authorization: Bearer` header grants; 401 for anything else. */
  async authenticate(authorization: string | null): Promise<GraderGrant> {
    const token = bearerToken(authorization);
    if (!token) throw new GraderTokenRequiredError();
    const row = await this.prisma.graderToken.findUnique({ where: { tokenHash: hashGraderToken(token) }, select: { id: true, classroomId: true } });
    if (!row) throw new GraderTokenRequiredError();
    await this.prisma.graderToken.update({ where: { id: row.id }, data: { lastUsedAt: this.deps.now?.() ?? new Date() } });
    return { tokenId: row.id, classroomId: row.classroomId };
  }

  private async requireManaged(actor: SignedInUser, classId: string): Promise<void> {
    const view = await this.deps.classes.view(actor, classId);
    if (view.as !== 'manager') throw new NotFoundError("Cette classe n'existe pas, ou vous n'y avez pas accès.");
  }
}

function toView(row: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }): GraderTokenView {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null };
}
