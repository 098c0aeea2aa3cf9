// Records generated from a provider's description, for the mapping fuzz: JSON Schema (as the conformance suite
// reads it, `$ref`s resolved in the same document) → a value it accepts. Three shapes: `minimal` (required fields
// only, every nullable field null, arrays as short as allowed), `full` (every property, nothing null) and `random`
// (a seeded mix of both, field by field). Only what the item schemas use is supported; anything else throws.
import type { Description } from './validator.ts';

type Json = any;
export type Shape = 'minimal' | 'full' | 'random';

/** A small seeded PRNG (mulberry32): the same seed, the same records. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Beyond this depth optional properties are left out and arrays are as short as allowed (descriptions nest deep). */
const MAX_DEPTH = 7;

export function generator(desc: Description, shape: Shape, rand: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const coin = (p: number) => (shape === 'minimal' ? true : shape === 'full' ? false : rand() < p);

  /** An `allOf` as one object schema (the parts item schemas combine are objects). */
  function merged(parts: Json[]): Json {
    const out: Json = { type: 'object', properties: {}, required: [] };
    for (const part of parts) {
      const r = desc.resolve(part);
      const p = r.allOf ? merged([...r.allOf, { properties: r.properties, required: r.required }]) : r;
      Object.assign(out.properties, p.properties ?? {});
      out.required.push(...(p.required ?? []));
    }
    return out;
  }

  function value(schema: Json, depth: number): Json {
    const s = desc.resolve(schema);
    if (s === undefined || s === true || (typeof s === 'object' && Object.keys(s).length === 0)) return `any-${int(0, 999)}`;
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum)) return s.enum.includes(null) && coin(0.3) ? null : pick(s.enum.filter((e: unknown) => e !== null));
    if (s.allOf) return value(merged(s.allOf), depth);
    const branches: Json[] | undefined = s.anyOf ?? s.oneOf;
    if (branches) {
      const nullBranch = branches.find((b) => desc.resolve(b)?.type === 'null');
      const others = branches.filter((b) => b !== nullBranch);
      if (nullBranch && coin(0.3)) return null;
      return value(shape === 'full' ? others[0] : pick(others), depth);
    }
    const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : ['string'];
    if (types.includes('null') && (types.length === 1 || coin(0.3))) return null;
    const type = shape === 'full' ? types.find((t) => t !== 'null')! : pick(types.filter((t) => t !== 'null'));
    switch (type) {
      case 'object': {
        const out: Record<string, Json> = {};
        const required: string[] = s.required ?? [];
        for (const [k, sub] of Object.entries<Json>(s.properties ?? {})) {
          // A property named like an Object method (Jira's changelog `toString`) is always set: left out, a
          // validator would see the inherited function.
          const keep = required.includes(k) || k in Object.prototype || (depth < MAX_DEPTH && !coin(0.5));
          if (keep) out[k] = value(sub, depth + 1);
        }
        for (const k of required) if (!Object.hasOwn(out, k)) out[k] = `any-${int(0, 999)}`;
        return out;
      }
      case 'array': {
        const min = s.minItems ?? 0;
        const n = depth >= MAX_DEPTH || shape === 'minimal' ? min : Math.max(min, shape === 'full' ? 2 : int(0, 2));
        return Array.from({ length: n }, () => value(s.items ?? {}, depth + 1));
      }
      case 'integer':
        return int(s.minimum ?? 0, Math.min(s.maximum ?? 1_000_000, 1_000_000));
      case 'number':
        return (s.minimum ?? 0) + Math.round(rand() * ((s.maximum ?? 1000) - (s.minimum ?? 0)) * 100) / 100;
      case 'boolean':
        return rand() < 0.5;
      case 'string':
        return string(s);
      default:
        throw new Error(`the generator does not know type ${JSON.stringify(type)}`);
    }
  }

  function string(s: Json): string {
    const at = Date.UTC(2024, 0, 1) + Math.floor(rand() * 2 * 365 * 86_400_000);
    switch (s.format) {
      case 'date-time':
        return new Date(at).toISOString();
      case 'date':
        return new Date(at).toISOString().slice(0, 10);
      case 'uri':
        return `https://example.com/r/${int(1, 99_999)}`;
      case 'email':
        return `user${int(1, 999)}@example.com`;
      case 'uuid':
        return '00000000-0000-4000-8000-'.concat(String(int(0, 999_999_999_999)).padStart(12, '0'));
    }
    if (s.pattern) {
      // A time the pattern describes (Jira's `…T10:00:00.000+0100`) is a real time, not digits that fit.
      const iso = new Date(at).toISOString();
      const times = [iso, iso.replace('Z', pick(['+0000', '+0530', '-0800']))];
      return times.find((t) => new RegExp(s.pattern).test(t)) ?? fromPattern(s.pattern);
    }
    // Never empty: ids are strings in most descriptions, and no provider sends an empty one.
    const text = shape === 'minimal' ? `s${int(1, 99)}` : `text ${int(1, 99_999)}\nsecond line`;
    const min = s.minLength ?? 0;
    return text.length >= min ? text.slice(0, s.maxLength ?? text.length) : text.padEnd(min, 'x');
  }

  /** A string matching the simple patterns descriptions use: anchors, literals, `\d`, classes with ranges, `{n,m}`, top-level `|`. */
  function fromPattern(pattern: string): string {
    const alternative = pick(pattern.split('|'));
    const anchoredStart = alternative.startsWith('^');
    const body = alternative.replace(/^\^/, '').replace(/\$$/, '');
    let out = anchoredStart ? '' : 'x';
    const re = /\\d|\\.|\[([^\]]+)\]|([^\\[{])|\{(\d+)(,(\d*))?\}/g;
    let last = (): string => '';
    for (let m = re.exec(body); m; m = re.exec(body)) {
      if (m[3] !== undefined) {
        const min = Number(m[3]);
        const max = m[4] === undefined ? min : m[5] ? Number(m[5]) : min + 4;
        for (let i = 1; i < (shape === 'minimal' ? min : int(min, max)); i++) out += last();
        continue;
      }
      const token = m[0];
      if (token === '\\d') last = () => String(int(0, 9));
      else if (token.startsWith('\\')) last = () => token.slice(1);
      else if (m[1] !== undefined) {
        const chars = [...m[1].matchAll(/(.)-(.)|(.)/g)].flatMap((r) => (r[3] !== undefined ? [r[3]] : Array.from({ length: r[2]!.charCodeAt(0) - r[1]!.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(r[1]!.charCodeAt(0) + i))));
        last = () => pick(chars);
      } else last = () => token;
      out += last();
    }
    return out;
  }

  return (schema: Json) => value(schema, 0);
}
