// The baselines' page loop: every kind of a provider for a window, page by page through the provider client,
// fetching up to `ahead` pages before the caller has written them — what the page walker does for syncs and
// backfills, without Temporal, heartbeats, the rate-limit gate or credential refresh.
import { AsyncQueue } from '../lib/async-queue.ts';
import type { RegisteredProvider } from '../providers/registry.ts';
import type { Credentials, NormalizedRecord, Selection, TimeWindow } from '../providers/types.ts';

export interface PlainPage {
  kind: string;
  records: NormalizedRecord[];
}

export async function* prefetchPages(
  provider: RegisteredProvider,
  creds: Credentials,
  req: { window: TimeWindow; selection: Selection; pageSize: number; ahead: number },
): AsyncGenerator<PlainPage> {
  type Item = { page: PlainPage } | { error: unknown } | { done: true };
  const queue = new AsyncQueue<Item>(Math.max(1, req.ahead));
  let stopped = false;
  const producer = (async () => {
    try {
      for (const { kind } of provider.manifest.ingests) {
        let pageCursor: string | null = null;
        do {
          if (stopped) return;
          const page = await provider.client.fetchPage(creds, { kind, window: req.window, selection: req.selection, pageCursor, pageSize: req.pageSize, config: {} });
          await queue.push({ page: { kind, records: page.records } });
          pageCursor = page.nextPageCursor;
        } while (pageCursor);
      }
      await queue.push({ done: true });
    } catch (error) {
      await queue.push({ error });
    }
  })();
  try {
    for (;;) {
      const item = await queue.shift();
      if ('done' in item) return;
      if ('error' in item) throw item.error;
      yield item.page;
    }
  } finally {
    stopped = true;
    queue.drain();
    await producer;
  }
}
