// The changes feed: GET /connectors/{id}/changes and the workspace-wide GET /changes, in commit order.
import { z } from '@hono/zod-openapi';
import { operation } from '../contract.ts';
import { createRouter, sameShape, workspaceOf } from '../router.ts';
import { CHANGE_ACTIONS } from '../../db/schema.ts';
import { idPattern } from '../../lib/ids.ts';
import type { ChangesPage, ChangesService } from '../../services/changes.ts';
import { ConnectorIdParam, cursorParam, json, RecordContent } from '../schemas.ts';

const tags = ['Changes'];

const ChangeSchema = z
  .object({
    cursor: z.string().openapi({ description: 'This change\'s position; pass it as `after` to read what follows' }),
    action: z.enum(CHANGE_ACTIONS),
    version: z.number().openapi({ description: 'The record\'s version this change made' }),
    changed_at: z.string(),
    connector_id: z.string(),
    source: z.object({ type: z.enum(['sync_run', 'backfill']), id: z.string() }).openapi({ description: 'The sync run or backfill that committed it' }),
    record: z.object(RecordContent).openapi({ description: 'The record as it was at this version' }),
  })
  .openapi('Change');

const ChangesPageSchema = z
  .object({
    data: z.array(ChangeSchema),
    next_cursor: z.string().nullable().openapi({ description: 'Ascending: pass as `after` to continue (also when `data` is empty: poll with it). Descending: pass as `before`; null at the oldest change' }),
    has_more: z.boolean(),
  })
  .openapi('ChangesPage');

const FeedQuery = {
  after: cursorParam('Only changes after this cursor (exclusive); omitted: from the first change'),
  before: cursorParam('Only changes before this cursor (exclusive)'),
  until: cursorParam('Only changes up to this cursor (inclusive), e.g. the `until` of a run\'s `changes` range'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ description: 'Page size, 1–1000' }),
  kind: z.string().max(64).optional().openapi({ description: 'Only records of this kind' }),
  order: z.enum(['asc', 'desc']).default('asc').openapi({ description: '`asc` (commit order, default) or `desc` (newest first)' }),
};

const routes = {
  connector: operation({
    operationId: 'listConnectorChanges',
    method: 'get', path: '/connectors/{id}/changes', tags, summary: 'The connector\'s record changes, in commit order',
    description: 'Follow `next_cursor` (as `after`) to see every change exactly once, in order, even while syncs and backfills commit concurrently.',
    request: { params: ConnectorIdParam, query: z.object(FeedQuery) },
    responses: { 200: json(ChangesPageSchema, 'A page of changes') },
  }),
  workspace: operation({
    operationId: 'listChanges',
    notFound: '`connector_id` names no connector of this workspace',
    method: 'get', path: '/changes', tags, summary: 'Every record change of the workspace, in commit order',
    description: 'Cursors are shared with the per-connector feed. A deleted connector\'s changes stay in this feed.',
    request: {
      query: z.object({
        ...FeedQuery,
        connector_id: z.string().regex(idPattern('con'), 'must be a connector id (con_…)').optional().openapi({ description: 'Only this connector\'s changes' }),
      }),
    },
    responses: { 200: json(ChangesPageSchema, 'A page of changes') },
  }),
};

export function changeRoutes(changes: ChangesService) {
  const app = createRouter();
  app.openapi(routes.connector, async (c) => c.json(await changes.forConnector(workspaceOf(c), c.req.valid('param').id, c.req.valid('query')), 200));
  app.openapi(routes.workspace, async (c) => c.json(await changes.forWorkspace(workspaceOf(c), c.req.valid('query')), 200));
  return app;
}

sameShape<ChangesPage, z.infer<typeof ChangesPageSchema>>(true);
