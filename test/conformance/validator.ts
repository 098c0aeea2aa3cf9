// Validation against a provider's own description: OpenAPI 3.0 documents (their `nullable` rewritten to JSON
// Schema) and JSON Schema definitions, each added to Ajv whole so `$ref`s resolve inside it; compiled by JSON
// pointer. A provider's reviewed deviations are applied to its description first — one explicit list, each with
// its reason, and a deviation whose target no longer exists fails loudly (the description moved on).
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = any;
// CommonJS packages whose `default` is the export under NodeNext.
const Ajv = AjvModule.default;
type Ajv = InstanceType<typeof Ajv>;
const addFormats = addFormatsModule.default;

/**
 * One reviewed difference between a description and what the provider (and so the emulator and client) really
 * does, applied to the schema at `pointer`: fields not required after all, required by the client (the description
 * is laxer than the provider), nullable, or a sub-schema merged in or replaced.
 */
export interface Deviation {
  pointer: string;
  reason: string;
  unrequire?: string[];
  require?: string[];
  nullable?: true;
  merge?: Json;
  replace?: Json;
  /** A property the description lacks (its parent must exist, the target must not). */
  add?: Json;
}

const unescape = (s: string) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~');
const escape = (s: string) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));
export const pointer = (...segments: Array<string | number>) => `/${segments.map((s) => escape(String(s))).join('/')}`;

function at(doc: Json, ptr: string): Json {
  return ptr.split('/').slice(1).map(unescape).reduce((o, k) => (o === undefined ? undefined : o[k]), doc);
}

export function applyDeviations(doc: Json, deviations: Deviation[]): Json {
  const out = structuredClone(doc);
  for (const d of deviations) {
    const parentPtr = d.pointer.split('/').slice(0, -1).join('/');
    const key = unescape(d.pointer.split('/').pop()!);
    const parent = parentPtr ? at(out, parentPtr) : out;
    const node = parent?.[key];
    if (d.add !== undefined) {
      if (!parent || typeof parent !== 'object' || node !== undefined) throw new Error(`deviation ${d.pointer}: cannot add there (${d.reason})`);
      parent[key] = structuredClone(d.add);
      continue;
    }
    if (node === undefined) throw new Error(`deviation target ${d.pointer} is not in the description (${d.reason})`);
    if (d.unrequire) {
      const missing = d.unrequire.filter((f) => !node.required?.includes(f));
      if (missing.length) throw new Error(`deviation at ${d.pointer}: ${missing.join(', ')} not required there`);
      node.required = node.required.filter((f: string) => !d.unrequire!.includes(f));
    }
    if (d.require) node.required = [...new Set([...(node.required ?? []), ...d.require])];
    if (d.merge) Object.assign(node, structuredClone(d.merge));
    if (d.replace) parent[key] = structuredClone(d.replace);
    if (d.nullable) parent[key] = { anyOf: [parent[key], { type: 'null' }] };
  }
  return out;
}

/** OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a `null` type (or `anyOf … null` beside `$ref`/`allOf`). */
export function fromOpenApi30(node: Json): Json {
  if (Array.isArray(node)) return node.map(fromOpenApi30);
  if (!node || typeof node !== 'object') return node;
  const out: Json = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fromOpenApi30(v)]));
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

export interface Description {
  /** The description as validated (deviations applied, OpenAPI rewritten): what the generator reads. */
  readonly doc: Json;
  validator(ptr: string): ValidateFunction;
  /** An operation's response body schema pointer (following a `components/responses` `$ref`; `default` as fallback). */
  responsePointer(path: string, method: string, status: number): string;
  resolve(schema: Json): Json;
}

export function describe(raw: Json, opts: { openapi: boolean; deviations?: Deviation[] }): Description {
  const deviated = applyDeviations(raw, opts.deviations ?? []);
  const doc = opts.openapi ? fromOpenApi30(deviated) : deviated;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  // OpenAPI's numeric and binary formats, GitHub's `timestamp`: types carry the meaning.
  for (const f of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'timestamp', 'decimal']) ajv.addFormat(f, true);
  ajv.addSchema(doc, 'desc');
  const cache = new Map<string, ValidateFunction>();
  const self: Description = {
    doc,
    validator(ptr) {
      const hit = cache.get(ptr);
      if (hit) return hit;
      if (at(doc, ptr) === undefined) throw new Error(`no schema at ${ptr}`);
      const v = ajv.compile({ $ref: `desc#${ptr}` });
      cache.set(ptr, v);
      return v;
    },
    responsePointer(path, method, status) {
      const responses = doc.paths?.[path]?.[method]?.responses;
      if (!responses) throw new Error(`no operation ${method.toUpperCase()} ${path}`);
      const key = responses[String(status)] ? String(status) : 'default';
      const r = responses[key];
      if (!r) throw new Error(`${method.toUpperCase()} ${path} declares no ${status} response`);
      const base = r.$ref ? r.$ref.slice(1) : pointer('paths', path, method, 'responses', key);
      return `${base}/content/${escape('application/json')}/schema`;
    },
    resolve(schema) {
      let s = schema;
      for (let i = 0; s?.$ref && i < 32; i++) s = at(doc, s.$ref.replace(/^(desc)?#/, ''));
      return s;
    },
  };
  return self;
}

/** Ajv's errors, one readable line each (`/items/0/commit: must have required property 'tree'`). */
export function problems(v: ValidateFunction, data: unknown): string[] {
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => {
    const extra = e.params && 'missingProperty' in e.params ? '' : e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : '';
    return `${e.instancePath || '/'}: ${e.message}${extra}`;
  });
}

/** A header's documented shape: its JSON Schema (values are read as numbers where the schema says so), and whether it must be there. */
export interface HeaderRule {
  schema: Json;
  required?: boolean;
}

/** The same rules with nothing required (answers that may come before the provider's rate limiter). */
export const optionalHeaders = (rules: Record<string, HeaderRule>): Record<string, HeaderRule> => Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, { ...v, required: false }]));

export function headerProblems(headers: Headers, rules: Record<string, HeaderRule>): string[] {
  const out: string[] = [];
  const ajv = headerAjv();
  for (const [name, rule] of Object.entries(rules)) {
    const raw = headers.get(name);
    if (raw === null) {
      if (rule.required) out.push(`header ${name}: missing`);
      continue;
    }
    const numeric = rule.schema.type === 'integer' || rule.schema.type === 'number';
    const value = numeric && raw.trim() !== '' ? Number(raw) : raw;
    const v = ajv.compile(rule.schema);
    if (!v(value)) out.push(`header ${name}: ${JSON.stringify(raw)} ${v.errors?.map((e: { message?: string }) => e.message).join('; ')}`);
  }
  return out;
}

let sharedHeaderAjv: Ajv | undefined;
function headerAjv() {
  if (!sharedHeaderAjv) {
    sharedHeaderAjv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(sharedHeaderAjv);
    sharedHeaderAjv.addFormat('timestamp', true);
  }
  return sharedHeaderAjv;
}
