// The OpenAPI document without running anything: the app built with inert dependencies (no database or Temporal
// connection is made while the document is generated), so tools — the SDK generator, the contract tests — read
// exactly what `/openapi.json` serves.
import type { Client } from '@temporalio/client';
import { loadConfig } from '../config/config.ts';
import { createDb } from '../db/db.ts';
import { createCipher } from '../lib/crypto.ts';
import { createLogger } from '../lib/logger.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import { createApp, type App } from './app.ts';

/** The settings the published document (and the SDK generated from it) is made with. */
export const CANONICAL_ENV = {
  PUBLIC_URL: 'https://tributary.example.com',
  DATABASE_URL: 'postgres://inert@127.0.0.1:1/inert',
  ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
} as const;

/** An app that can answer `/openapi.json` (and nothing that needs PostgreSQL or Temporal). */
export function inertApp(env: Record<string, string> = CANONICAL_ENV): App {
  const config = loadConfig({ ...CANONICAL_ENV, ...env });
  return createApp({
    config,
    db: createDb(config.DATABASE_URL, 1),
    temporal: {} as Client,
    providers: createProviderRegistry(config),
    cipher: createCipher(config.encryptionKeys),
    logger: createLogger({ level: 'silent' }),
  });
}

export type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, OperationObject>>; webhooks: Record<string, Record<string, OperationObject>>; components: Record<string, Record<string, unknown>> } & Record<string, unknown>;
export interface OperationObject {
  operationId: string;
  tags: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: Record<string, unknown> }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; headers?: Record<string, { required?: boolean }>; content?: Record<string, unknown> }>;
}

/** The document `/openapi.json` serves, with the canonical settings unless told otherwise. */
export async function openApiDocument(env?: Record<string, string>): Promise<OpenApiDocument> {
  const res = await inertApp(env).request('/openapi.json');
  return (await res.json()) as OpenApiDocument;
}
