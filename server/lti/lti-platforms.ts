/**
 * The platforms an admin registered: what each launch is checked against. Only admins add or
 * remove one (the routes check the role); a platform removed takes its links, identities and
 * pending scores with it (foreign keys), its users and classes stay.
 */
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client';
import { ConflictError, NotFoundError } from '../errors';

const url = (what: string) => z.url({ protocol: /^https?$/, error: `${what} : une adresse http(s)://… est attendue` }).max(2000);

export const platformInput = z.strictObject({
  name: z.string().trim().min(1, 'Donnez un nom à la plateforme (« Moodle de l’université »…).').max(100),
  issuer: z.string().trim().min(1, 'Indiquez l’issuer (iss) de la plateforme.').max(500),
  clientId: z.string().trim().min(1, 'Indiquez le client id que la plateforme a donné à Dockyard.').max(255),
  deploymentIds: z
    .array(z.string().trim().min(1).max(255))
    .min(1, 'Indiquez au moins un deployment id.')
    .max(50),
  authUrl: url('URL d’authentification OIDC'),
  tokenUrl: url('URL des jetons OAuth2'),
  jwksUrl: url('URL du JWKS'),
});

export type PlatformInput = z.infer<typeof platformInput>;

export interface PlatformView extends PlatformInput {
  id: string;
  createdAt: string;
}

export type PlatformRow = Awaited<ReturnType<PrismaClient['ltiPlatform']['findUniqueOrThrow']>>;

export class LtiPlatforms {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<PlatformView[]> {
    const rows = await this.prisma.ltiPlatform.findMany({ orderBy: { createdAt: 'asc' } });
    return rows.map(toView);
  }

  async register(input: PlatformInput): Promise<PlatformView> {
    const taken = await this.prisma.ltiPlatform.findUnique({ where: { issuer_clientId: { issuer: input.issuer, clientId: input.clientId } } });
    if (taken) throw new ConflictError(`La plateforme « ${taken.name} » a déjà cet issuer et ce client id : supprimez-la d’abord pour la réenregistrer.`);
    return toView(await this.prisma.ltiPlatform.create({ data: { ...input, deploymentIds: [...new Set(input.deploymentIds)] } }));
  }

  async remove(id: string): Promise<void> {
    const { count } = await this.prisma.ltiPlatform.deleteMany({ where: { id } });
    if (count === 0) throw new NotFoundError('Cette plateforme n’est pas (ou plus) enregistrée.');
  }

  /** The platform a login initiation names: by issuer, and by client id when the platform sends it. */
  async findForLogin(issuer: string, clientId: string | undefined): Promise<PlatformRow[]> {
    return this.prisma.ltiPlatform.findMany({ where: { issuer, ...(clientId && { clientId }) } });
  }

  async get(id: string): Promise<PlatformRow | null> {
    return this.prisma.ltiPlatform.findUnique({ where: { id } });
  }
}

function toView(row: PlatformRow): PlatformView {
  return {
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    deploymentIds: row.deploymentIds,
    authUrl: row.authUrl,
    tokenUrl: row.tokenUrl,
    jwksUrl: row.jwksUrl,
    createdAt: row.createdAt.toISOString(),
  };
}
