// Reads workflow histories and decodes every payload, so tests can prove no secret ever reached Temporal.
import type { Client } from '@temporalio/client';

function collectStrings(value: unknown, out: string[], seen = new Set<unknown>()): void {
  if (value === null || value === undefined) return;
  if (value instanceof Uint8Array) {
    out.push(Buffer.from(value).toString('utf8'));
    return;
  }
  if (typeof value === 'string') {
    out.push(value);
    return;
  }
  if (typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  for (const v of Object.values(value as Record<string, unknown>)) collectStrings(v, out, seen);
}

/** All decoded payload data and string fields of every workflow matching `query` (a visibility query). */
export async function historyText(client: Client, query: string): Promise<{ workflowIds: string[]; text: string }> {
  const workflowIds: string[] = [];
  const strings: string[] = [];
  for await (const wf of client.workflow.list({ query })) {
    workflowIds.push(wf.workflowId);
    const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    collectStrings(history, strings);
  }
  return { workflowIds, text: strings.join('\n') };
}
