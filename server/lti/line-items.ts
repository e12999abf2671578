/**
 * A line item for a link the platform gave none (a link typed by hand in the LMS, a Canvas
 * module item): with the AGS line-item scope, Dockyard finds the one it made before for this
 * resource link and lab, or creates it, worth the lab's points, so the score has a column.
 */
import { z } from 'zod';
import { LtiPlatformCallError } from './lti-errors';
import { SCOPE } from './lti-claims';
import { CALL_TIMEOUT_MS, type PlatformTokens } from './platform-tokens';
import type { PlatformRow } from './lti-platforms';

const LINE_ITEM_TYPE = 'application/vnd.ims.lis.v2.lineitem+json';
const CONTAINER_TYPE = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
const SCOPES = [SCOPE.lineItem];

const lineItem = z.object({ id: z.url() });

export interface LineItemRequest {
  lineItemsUrl: string;
  resourceLinkId: string;
  /** « lab/<slug> »: the line item's resourceId. */
  resourceId: string;
  label: string;
  scoreMaximum: number;
}

export async function findOrCreateLineItem(tokens: PlatformTokens, platform: PlatformRow, request: LineItemRequest): Promise<string> {
  const token = await tokens.token(platform, SCOPES);
  const query = new URL(request.lineItemsUrl);
  query.searchParams.set('resource_link_id', request.resourceLinkId);
  query.searchParams.set('resource_id', request.resourceId);
  const listed = await fetch(query, { headers: { authorization: `Bearer ${token}`, accept: CONTAINER_TYPE }, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  if (!listed.ok) throw new LtiPlatformCallError('la demande de colonnes de notes', `GET ${query.href} : ${listed.status}`);
  const found = z.array(lineItem).safeParse(await listed.json().catch(() => null));
  const existing = found.success ? found.data[0] : undefined;
  if (existing) return existing.id;
  const created = await fetch(request.lineItemsUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': LINE_ITEM_TYPE, accept: LINE_ITEM_TYPE },
    body: JSON.stringify({
      scoreMaximum: request.scoreMaximum,
      label: request.label,
      resourceId: request.resourceId,
      resourceLinkId: request.resourceLinkId,
      tag: 'dockyard',
    }),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const parsed = lineItem.safeParse(await created.json().catch(() => null));
  if (!created.ok || !parsed.success) throw new LtiPlatformCallError('la création d’une colonne de notes', `POST ${request.lineItemsUrl} : ${created.status}`);
  return parsed.data.id;
}
