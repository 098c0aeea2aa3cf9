import { createClient } from './client.ts';
import { manifest } from './manifest.ts';

export const jira = { manifest, createClient };
