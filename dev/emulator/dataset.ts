// Deterministic seeded data for the emulator: records at fixed intervals from a fixed anchor up to "now",
// plus records tests add. Same seed and volume → same data, so tests can compute exact expectations.
export interface EmuRecord {
  id: string;
  /** Index in the generated series, or -1 for added records. */
  n: number;
  at: number; // epoch ms
  title: string;
  seed: number;
}

export const ANCHOR_MS = Date.UTC(2025, 0, 1);

export class Dataset {
  private readonly added = new Map<string, EmuRecord[]>();
  /** Records per hour per kind (the volume knob). */
  constructor(readonly seed: number, readonly perHour: number, private readonly now: () => number = Date.now) {}

  private stepMs(): number {
    return Math.max(1, Math.floor(3_600_000 / this.perHour));
  }

  /** Indexes `[first, lastExclusive)` of the generated series inside `[start, end)` (and not in the future). */
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

  /** Records of `kind` with `start <= at < end`, ascending by time then id. */
  list(provider: string, kind: string, start: number, end: number): EmuRecord[] {
    const [first, lastExclusive] = this.range(start, end);
    const out: EmuRecord[] = [];
    for (let n = first; n < lastExclusive; n++) out.push(this.generated(kind, n));
    for (const r of this.added.get(`${provider}/${kind}`) ?? []) if (r.at >= start && r.at < end) out.push(r);
    return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  /**
   * `limit` records from position `offset` of the window, and the window's total — computed without
   * materialising the whole series when no records were added (large volumes stay cheap).
   */
  page(provider: string, kind: string, start: number, end: number, offset: number, limit: number): { items: EmuRecord[]; total: number } {
    if ((this.added.get(`${provider}/${kind}`)?.length ?? 0) > 0) {
      const all = this.list(provider, kind, start, end);
      return { items: all.slice(offset, offset + limit), total: all.length };
    }
    const [first, lastExclusive] = this.range(start, end);
    const items: EmuRecord[] = [];
    for (let n = first + offset; n < Math.min(lastExclusive, first + offset + limit); n++) items.push(this.generated(kind, n));
    return { items, total: lastExclusive - first };
  }

  count(provider: string, kind: string, start: number, end: number): number {
    return this.list(provider, kind, start, end).length;
  }

  add(provider: string, kind: string, count: number, at: number = this.now() - 1000): EmuRecord[] {
    const key = `${provider}/${kind}`;
    const list = this.added.get(key) ?? [];
    const made: EmuRecord[] = [];
    for (let i = 0; i < count; i++) {
      const r = { id: `X${kindCode(kind)}${list.length + i}${this.seed}`, n: -1, at, title: `added ${kind} ${list.length + i}`, seed: this.seed };
      made.push(r);
    }
    list.push(...made);
    this.added.set(key, list);
    return made;
  }
}

function kindCode(kind: string): string {
  return kind.replace(/[^a-z]/g, '').slice(0, 2).toUpperCase();
}
