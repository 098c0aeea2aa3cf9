// Pieces of `npm run specs:update`: cutting an OpenAPI document down to the operations the clients call (and the
// components they reach), and turning the other published forms — OpenAPI Generator's Python models, generated
// TypeScript types, zod schemas — into JSON Schema definitions. Run only at update time, never by tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Provenance {
  /** `registry:package@version`. */
  source: string;
  /** Where in the package the description was read. */
  file: string;
  license: string;
  generated_by: string;
  note?: string;
}

type Json = any;

/** Keys that only document (examples): dropped to keep the extracts small; `example` on schemas is kept for the generator. */
const DROP = new Set(['examples', 'x-github', 'x-codeSamples', 'x-code-samples', 'x-given', 'x-menu-order', 'x-undocumented']);

function strip(node: Json): Json {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => !DROP.has(k)).map(([k, v]) => [k, strip(v)]));
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The operations `[path, method]` of `doc` and every component they reach through `$ref` (transitively), plus whole
 * component sections named in `keepComponents` (GitHub's `components.headers`, attached to almost no operation).
 */
export function openApiExtract(doc: Json, opts: { operations: Array<[string, string]>; keepComponents?: string[]; provenance: Provenance }): Json {
  const out: Json = { openapi: doc.openapi, info: { title: doc.info?.title, version: doc.info?.version, 'x-provenance': opts.provenance }, paths: {}, components: {} };
  const seen = new Set<string>();
  const resolve = (ref: string) => ref.slice(2).split('/').map(unescape).reduce((o: Json, k) => o?.[k], doc);
  const walk = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/') && !seen.has(ref)) {
      seen.add(ref);
      const [, , section, name] = ref.split('/').map(unescape);
      const target = resolve(`#/components/${section}/${name}`);
      if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
      (out.components[section!] ??= {})[name!] = strip(target);
      walk(target);
    }
    for (const [k, v] of Object.entries(node)) if (!DROP.has(k)) walk(v);
  };
  for (const [p, method] of opts.operations) {
    const op = doc.paths?.[p]?.[method];
    if (!op) throw new Error(`${opts.provenance.source} has no ${method.toUpperCase()} ${p}`);
    (out.paths[p] ??= {})[method] = strip(op);
    walk(op);
  }
  for (const section of opts.keepComponents ?? []) {
    out.components[section] = strip(doc.components?.[section] ?? {});
    walk(doc.components?.[section]);
  }
  return out;
}

function pyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? pyFiles(p) : f.endsWith('.py') ? [p] : [];
  });
}

/**
 * OpenAPI Generator's Python models → JSON Schema: each class's `openapi_types` (attribute → type) and
 * `attribute_map` (attribute → JSON name), required where its setter refuses None, enums from `allowed_values`.
 * The models carry no nullability and ignore unknown keys, so objects stay open.
 */
export function pythonModels(packageDir: string, roots: Record<string, string>, provenance: Provenance): Json {
  const sources = new Map<string, string>();
  for (const file of pyFiles(packageDir)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^class (\w+)\(object\):/gm)) if (!sources.has(m[1]!)) sources.set(m[1]!, src);
  }
  const dict = (src: string, name: string): Array<[string, string]> => {
    const body = new RegExp(`^    ${name} = \\{([\\s\\S]*?)^    \\}`, 'm').exec(src)?.[1] ?? '';
    return [...body.matchAll(/'(\w+)': '([^']+)'/g)].map((m) => [m[1]!, m[2]!]);
  };
  const definitions: Record<string, Json> = {};
  const schemaOf = (type: string): Json => {
    let m: RegExpExecArray | null;
    if ((m = /^list\[(.+)\]$/.exec(type))) return { type: 'array', items: schemaOf(m[1]!) };
    if ((m = /^dict\(str, (.+)\)$/.exec(type))) return { type: 'object', additionalProperties: schemaOf(m[1]!) };
    const primitive: Record<string, Json> = {
      str: { type: 'string' }, int: { type: 'integer' }, float: { type: 'number' }, bool: { type: 'boolean' },
      datetime: { type: 'string', format: 'date-time' }, date: { type: 'string', format: 'date' }, object: {},
    };
    if (primitive[type]) return primitive[type];
    const src = sources.get(type);
    if (!src) throw new Error(`no model class ${type}`);
    if (!definitions[type]) {
      definitions[type] = {};
      const names = new Map(dict(src, 'attribute_map'));
      const properties: Record<string, Json> = {};
      const required: string[] = [];
      for (const [attr, attrType] of dict(src, 'openapi_types')) {
        const setter = new RegExp(`def ${attr}\\(self, ${attr}\\):([\\s\\S]*?)self\\._${attr} = ${attr}`).exec(src)?.[1] ?? '';
        const allowed = /allowed_values = (\[[^\]]*\])/.exec(setter)?.[1];
        const json = names.get(attr) ?? attr;
        properties[json] = allowed ? { ...schemaOf(attrType), enum: JSON.parse(allowed) } : schemaOf(attrType);
        if (/must not be `None`/.test(setter)) required.push(json);
      }
      definitions[type] = { type: 'object', properties, ...(required.length ? { required } : {}) };
    }
    return { $ref: `#/definitions/${type}` };
  };
  const rootRefs = Object.fromEntries(Object.entries(roots).map(([name, cls]) => [name, schemaOf(cls)]));
  return { 'x-provenance': provenance, roots: rootRefs, definitions };
}

/** Generated TypeScript response types → JSON Schema (`[type, property]`: e.g. a `Responses` type's `200`). */
export async function typeScriptSchemas(tsj: Json, file: string, roots: Record<string, [string, string]>, provenance: Provenance): Promise<Json> {
  const definitions: Record<string, Json> = {};
  const rootRefs: Record<string, Json> = {};
  for (const [name, [type, property]] of Object.entries(roots)) {
    const schema = tsj.createGenerator({ path: file, type, skipTypeCheck: true, topRef: false, expose: 'none', additionalProperties: true }).createSchema(type);
    if (schema.definitions && Object.keys(schema.definitions).length) throw new Error(`${type}: named definitions are not handled`);
    definitions[name] = schema.properties[property];
    rootRefs[name] = { $ref: `#/definitions/${name}` };
  }
  return { 'x-provenance': provenance, roots: rootRefs, definitions };
}

/** zod schemas → JSON Schema (draft-07), one definition each. */
export function zodSchemas(z: Json, schemas: Record<string, Json>, provenance: Provenance): Json {
  const definitions: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!schema) throw new Error(`missing zod schema ${name}`);
    const { $schema: _drop, definitions: inner = {}, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-7' });
    // Recursive parts come as the schema's own `definitions`: hoisted next to it, under names prefixed with its own.
    const rename = (node: Json): Json => {
      if (Array.isArray(node)) return node.map(rename);
      if (!node || typeof node !== 'object') return node;
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace(/^#\/definitions\//, `#/definitions/${name}.`) : rename(v)]));
    };
    definitions[name] = rename(json);
    for (const [k, v] of Object.entries(inner as Record<string, Json>)) definitions[`${name}.${k}`] = rename(v);
  }
  return { 'x-provenance': provenance, roots: Object.fromEntries(Object.keys(schemas).map((n) => [n, { $ref: `#/definitions/${n}` }])), definitions };
}
