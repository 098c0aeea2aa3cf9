// Deterministic seeded data for the emulator, and the one timeline mechanism every emulated provider uses:
// records at fixed intervals from a fixed anchor up to "now" (plus records tests add), each with revisions over
// time — automatic ones from its kind's timeline (e.g. acknowledged, then resolved) and explicit ones tests make
// now (`mutate`, `remove`). Same seed, volume and churn → same data, so tests can compute exact expectations.
// Listings by creation, by last modification, and of revisions (change events) stay cheap at large volumes.
import { hash } from './provider.ts';

export interface EmuRecord {
  id: string;
  /** Index in the generated series, or -1 for added records. */
  n: number;
  at: number; // epoch ms: created
  title: string;
  seed: number;
}

/** One change of a record: when, which revision it makes (1, 2, … in time order), and what it set. */
export interface Revision {
  at: number;
  rev: number;
  /** Fields set by this change (providers map them onto their payloads, e.g. `{status: 'resolved'}`, `{title}`). */
  patch: Record<string, unknown>;
  deleted?: boolean;
  auto: boolean;
  /** Automatic revisions: the step of the kind's progression this one reaches (1, 2, …). */
  stage?: number;
}

/** A record as it is at some instant: its revision, last modification, merged patch and deletion. */
export interface RecordState {
  rec: EmuRecord;
  /** Revisions so far (automatic and explicit); 0 = as created. */
  rev: number;
  /** Automatic revisions so far: where the record is in its kind's progression (e.g. 2 = resolved). */
  stage: number;
  updatedAt: number;
  patch: Record<string, unknown>;
  deleted: boolean;
  deletedAt: number | null;
  revisions: Revision[];
}

/** How a kind's generated records change over time. */
export interface TimelineSpec {
  /** Automatic revisions of every generated record (0: the kind never changes by itself). */
  auto: number;
  /** With churn they happen within this long after creation; without churn they happened at creation (settled). */
  spreadMs: number;
  /** Whether tests may change or delete records of this kind (the provider lets them change / be deleted). */
  mutable: boolean;
  deletable: boolean;
}

const IMMUTABLE: TimelineSpec = { auto: 0, spreadMs: 0, mutable: false, deletable: false };

export const ANCHOR_MS = Date.UTC(2025, 0, 1);

interface Cached {
  epoch: number;
  validUntil: number;
  items: RecordState[] | Array<{ state: RecordState; revision: Revision | null }>;
}

export class Dataset {
  private readonly added = new Map<string, EmuRecord[]>();
  /** Explicit revisions by `provider/kind/id`, and the records they belong to. */
  private readonly explicit = new Map<string, Map<string, { rec: EmuRecord; revisions: Revision[] }>>();
  private readonly specs = new Map<string, TimelineSpec>();
  private readonly cache = new Map<string, Cached>();
  /** Bumped by every add, change and deletion: cached listings older than it are rebuilt. */
  private epoch = 0;

  /**
   * `perHour`: records per hour per kind (the volume knob). `churn`: generated records go through their automatic
   * revisions over time (realistic, for demos and benchmarks); without it they are settled from creation, so what
   * a window holds never changes while a test runs.
   */
  constructor(readonly seed: number, readonly perHour: number, private readonly now: () => number = Date.now, readonly churn = false) {}

  define(provider: string, kind: string, spec: TimelineSpec): void {
    this.specs.set(`${provider}/${kind}`, spec);
  }

  spec(provider: string, kind: string): TimelineSpec {
    return this.specs.get(`${provider}/${kind}`) ?? IMMUTABLE;
  }

  private stepMs(): number {
    return Math.max(1, Math.floor(3_600_000 / this.perHour));
  }

  /** Indexes `[first, lastExclusive)` of the generated series created inside `[start, end)` (and not in the future). */
  private range(start: number, end: number): [number, number] {
    const step = this.stepMs();
    const upper = Math.min(end, this.now() + 1);
    const first = Math.max(0, Math.ceil((start - ANCHOR_MS) / step));
    return [first, Math.max(first, Math.ceil((upper - ANCHOR_MS) / step))];
  }

  /** Record `n` of the generated series of `kind`. */
  private generated(kind: string, n: number): EmuRecord {
    return { id: `${kindCode(kind)}${(this.seed * 1_000_003 + n).toString(36).toUpperCase()}`, n, at: ANCHOR_MS + n * this.stepMs(), title: `${kind} #${n}`, seed: this.seed };
  }

  /** The automatic revisions of a generated record (added records change only when a test says so). */
  private autoRevisions(provider: string, kind: string, rec: EmuRecord): Revision[] {
    const spec = this.spec(provider, kind);
    if (rec.n < 0 || spec.auto === 0) return [];
    const slot = spec.spreadMs / spec.auto;
    return Array.from({ length: spec.auto }, (_, i) => {
      const jitter = this.churn ? hash(`${rec.id}:${i}`) % Math.max(1, Math.floor(slot / 2)) : 0;
      return { at: this.churn ? rec.at + Math.round((i + 1) * slot) - jitter : rec.at, rev: i + 1, patch: {}, auto: true, stage: i + 1 };
    });
  }

  /** The record as it is at `asOf` (default now). */
  state(provider: string, kind: string, rec: EmuRecord, asOf = this.now()): RecordState {
    const explicit = this.explicit.get(`${provider}/${kind}`)?.get(rec.id)?.revisions ?? [];
    const auto = this.autoRevisions(provider, kind, rec);
    const all = explicit.length ? [...auto, ...explicit].sort((a, b) => a.at - b.at || Number(a.auto) - Number(b.auto)) : auto;
    const s: RecordState = { rec, rev: 0, stage: 0, updatedAt: rec.at, patch: {}, deleted: false, deletedAt: null, revisions: [] };
    for (const r of all) {
      if (r.at > asOf) break;
      s.rev += 1;
      if (r.auto) s.stage += 1;
      s.updatedAt = Math.max(s.updatedAt, r.at);
      Object.assign(s.patch, r.patch);
      if (r.deleted !== undefined) {
        s.deleted = r.deleted;
        s.deletedAt = r.deleted ? r.at : null;
      }
      s.revisions.push({ ...r, rev: s.rev });
    }
    return s;
  }

  private addedOf(provider: string, kind: string): EmuRecord[] {
    return this.added.get(`${provider}/${kind}`) ?? [];
  }

  private changedOf(provider: string, kind: string): EmuRecord[] {
    return [...(this.explicit.get(`${provider}/${kind}`)?.values() ?? [])].map((v) => v.rec);
  }

  /** Generated and added records created in `[start, end)` plus every record changed by a test, deduplicated. */
  private candidates(provider: string, kind: string, start: number, end: number): EmuRecord[] {
    const [first, lastExclusive] = this.range(start, end);
    const out = new Map<string, EmuRecord>();
    for (let n = first; n < lastExclusive; n++) {
      const r = this.generated(kind, n);
      out.set(r.id, r);
    }
    for (const r of this.addedOf(provider, kind)) if (r.at >= start && r.at < end) out.set(r.id, r);
    for (const r of this.changedOf(provider, kind)) out.set(r.id, r);
    return [...out.values()];
  }

  /** Memoizes a listing until the data changes (epoch), time adds records to it, or a revision falls due. */
  private cached<T extends Cached['items']>(key: string, build: () => { items: T; validUntil: number }): T {
    const hit = this.cache.get(key);
    if (hit && hit.epoch === this.epoch && this.now() < hit.validUntil) return hit.items as T;
    const { items, validUntil } = build();
    if (this.cache.size >= 32) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { epoch: this.epoch, validUntil, items });
    return items;
  }

  /** When the generated series next grows inside a window ending at `end` (Infinity once `end` is past). */
  private nextCreation(end: number): number {
    const now = this.now();
    if (end <= now) return Infinity;
    const step = this.stepMs();
    return ANCHOR_MS + (Math.floor((now - ANCHOR_MS) / step) + 1) * step;
  }

  /** The earliest automatic revision after now among `states` (Infinity without churn). */
  private nextRevision(provider: string, kind: string, recs: EmuRecord[]): number {
    if (!this.churn) return Infinity;
    const now = this.now();
    let next = Infinity;
    for (const r of recs) for (const v of this.autoRevisions(provider, kind, r)) if (v.at > now && v.at < next) next = v.at;
    return next;
  }

  /**
   * Records created in `[start, end)`, as they are now, ascending by creation then id. Deleted ones are left out
   * unless `includeDeleted` (providers that show archived records ask for them).
   */
  list(provider: string, kind: string, start: number, end: number, opts: { includeDeleted?: boolean } = {}): RecordState[] {
    const key = `created|${provider}|${kind}|${start}|${end}`;
    const recs = this.cached(key, () => {
      const all = this.candidates(provider, kind, start, end).filter((r) => r.at >= start && r.at < end);
      all.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
      return { items: all.map((r) => this.state(provider, kind, r)), validUntil: Math.min(this.nextCreation(end), this.nextRevision(provider, kind, all)) };
    }) as RecordState[];
    return opts.includeDeleted ? recs : recs.filter((s) => !s.deleted);
  }

  /** Records whose last modification is in `[start, end)`, as they are now, ascending by modification then id. */
  listModified(provider: string, kind: string, start: number, end: number, opts: { includeDeleted?: boolean } = {}): RecordState[] {
    const key = `modified|${provider}|${kind}|${start}|${end}`;
    const spread = this.churn ? this.spec(provider, kind).spreadMs : 0;
    const states = this.cached(key, () => {
      const recs = this.candidates(provider, kind, start - spread, end);
      const items = recs.map((r) => this.state(provider, kind, r)).filter((s) => s.updatedAt >= start && s.updatedAt < end);
      items.sort((a, b) => a.updatedAt - b.updatedAt || a.rec.id.localeCompare(b.rec.id));
      return { items, validUntil: Math.min(this.nextCreation(end), this.nextRevision(provider, kind, recs)) };
    }) as RecordState[];
    return opts.includeDeleted ? states : states.filter((s) => !s.deleted);
  }

  /**
   * The most recently modified records, newest first, from position `offset` (what `sort=updated, order=desc`
   * lists), and whether more follow. Looks back only as far as it must, so deep histories stay cheap.
   */
  newest(provider: string, kind: string, offset: number, limit: number, opts: { includeDeleted?: boolean } = {}): { items: RecordState[]; more: boolean } {
    const want = offset + limit + 1;
    const now = this.now();
    for (let hours = Math.ceil(want / this.perHour) + 1; ; hours *= 2) {
      const from = Math.max(ANCHOR_MS, now - hours * 3_600_000);
      const all = this.listModified(provider, kind, from, now + 1, opts);
      if (all.length >= want || from === ANCHOR_MS) {
        const desc = [...all].reverse();
        return { items: desc.slice(offset, offset + limit), more: desc.length > offset + limit };
      }
    }
  }

  /**
   * Records whose state may still differ from their settled one: generated ones within their timeline's spread of
   * now (with churn), and every record tests added or changed — e.g. what can still be an open incident.
   */
  unsettled(provider: string, kind: string): RecordState[] {
    const spread = this.churn ? this.spec(provider, kind).spreadMs : 0;
    const now = this.now();
    const recent = spread > 0 ? this.candidates(provider, kind, now - spread, now + 1) : [...this.addedOf(provider, kind), ...this.changedOf(provider, kind)];
    const out = new Map<string, EmuRecord>(recent.map((r) => [r.id, r]));
    for (const r of [...this.addedOf(provider, kind), ...this.changedOf(provider, kind)]) out.set(r.id, r);
    return [...out.values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).map((r) => this.state(provider, kind, r));
  }

  /**
   * Change events in `[start, end)`: every record's creation (`revision: null`) and each later revision, ascending
   * by time, record id, revision — what providers with an activity log (PagerDuty log entries) list.
   */
  events(provider: string, kind: string, start: number, end: number): Array<{ state: RecordState; revision: Revision | null }> {
    const key = `events|${provider}|${kind}|${start}|${end}`;
    const spread = this.churn ? this.spec(provider, kind).spreadMs : 0;
    return this.cached(key, () => {
      const recs = this.candidates(provider, kind, start - spread, end);
      const out: Array<{ state: RecordState; revision: Revision | null; at: number; rev: number }> = [];
      for (const r of recs) {
        const s = this.state(provider, kind, r);
        if (r.at >= start && r.at < end) out.push({ state: s, revision: null, at: r.at, rev: 0 });
        for (const v of s.revisions) if (v.at >= start && v.at < end) out.push({ state: s, revision: v, at: v.at, rev: v.rev });
      }
      out.sort((a, b) => a.at - b.at || a.state.rec.id.localeCompare(b.state.rec.id) || a.rev - b.rev);
      return { items: out.map(({ state, revision }) => ({ state, revision })), validUntil: Math.min(this.nextCreation(end), this.nextRevision(provider, kind, recs)) };
    }) as Array<{ state: RecordState; revision: Revision | null }>;
  }

  /**
   * `limit` records from position `offset` of the creation listing, and its total — computed without materialising
   * the series when nothing was added or changed (large volumes stay cheap).
   */
  page(provider: string, kind: string, start: number, end: number, offset: number, limit: number): { items: RecordState[]; total: number } {
    if (this.addedOf(provider, kind).length > 0 || (this.explicit.get(`${provider}/${kind}`)?.size ?? 0) > 0) {
      const all = this.list(provider, kind, start, end);
      return { items: all.slice(offset, offset + limit), total: all.length };
    }
    const [first, lastExclusive] = this.range(start, end);
    const items: RecordState[] = [];
    for (let n = first + offset; n < Math.min(lastExclusive, first + offset + limit); n++) items.push(this.state(provider, kind, this.generated(kind, n)));
    return { items, total: lastExclusive - first };
  }

  count(provider: string, kind: string, start: number, end: number): number {
    return this.page(provider, kind, start, end, 0, 0).total;
  }

  /** Adds `count` records created from `at` (1 ms apart, or spread evenly over `spreadMs`), each at revision 0. */
  add(provider: string, kind: string, count: number, at: number = this.now() - 1000, spreadMs = 0): EmuRecord[] {
    const key = `${provider}/${kind}`;
    const list = this.added.get(key) ?? [];
    const made: EmuRecord[] = [];
    for (let i = 0; i < count; i++) {
      // Distinct milliseconds even without a spread (some providers' ids are timestamps, e.g. Slack's `ts`).
      const t = at + (spreadMs > 0 ? Math.floor((i * spreadMs) / count) : i);
      made.push({ id: `X${kindCode(kind)}${list.length + i}${this.seed}`, n: -1, at: t, title: `added ${kind} ${list.length + i}`, seed: this.seed });
    }
    list.push(...made);
    this.added.set(key, list);
    this.epoch++;
    return made;
  }

  /** A change made now (or at `at`): the record's next revision, with the fields it sets. */
  mutate(provider: string, kind: string, rec: EmuRecord, patch: Record<string, unknown> = {}, at = this.now()): Revision {
    return this.revise(provider, kind, rec, { patch, at });
  }

  /** Deleted now (or archived, for providers that keep archived records visible). */
  remove(provider: string, kind: string, rec: EmuRecord, at = this.now()): Revision {
    return this.revise(provider, kind, rec, { patch: {}, at, deleted: true });
  }

  private revise(provider: string, kind: string, rec: EmuRecord, r: { patch: Record<string, unknown>; at: number; deleted?: boolean }): Revision {
    const byId = this.explicit.get(`${provider}/${kind}`) ?? new Map<string, { rec: EmuRecord; revisions: Revision[] }>();
    const entry = byId.get(rec.id) ?? { rec, revisions: [] };
    // Never before the record's last change (revisions at the same millisecond keep the order they were made in).
    const current = this.state(provider, kind, rec, r.at);
    const revision: Revision = { at: Math.max(r.at, current.updatedAt), rev: current.rev + 1, patch: r.patch, deleted: r.deleted, auto: false };
    entry.revisions.push(revision);
    byId.set(rec.id, entry);
    this.explicit.set(`${provider}/${kind}`, byId);
    this.epoch++;
    return revision;
  }

  /**
   * Finds a record by a provider-specific key (its external id), newest first: added and changed records, then the
   * generated series back to the anchor (at most `maxScan` of them).
   */
  find(provider: string, kind: string, matches: (rec: EmuRecord) => boolean, maxScan = 200_000): EmuRecord | undefined {
    for (const r of [...this.addedOf(provider, kind), ...this.changedOf(provider, kind)]) if (matches(r)) return r;
    const [, last] = this.range(ANCHOR_MS, this.now() + 1);
    for (let n = last - 1; n >= Math.max(0, last - maxScan); n--) {
      const r = this.generated(kind, n);
      if (matches(r)) return r;
    }
    return undefined;
  }
}

function kindCode(kind: string): string {
  return kind.replace(/[^a-z]/g, '').slice(0, 2).toUpperCase();
}
