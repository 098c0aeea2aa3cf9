// Rebuilds Linear's GraphQL schema (SDL) from @linear/sdk's published types (`npm run specs:update` only): the SDK
// ships no schema.graphql, but its `.d.mts` holds graphql-codegen's TypeScript rendering of the whole schema —
// object types carry `__typename: "<Name>"`, interfaces are intersected into them, field arguments are
// `<Owner><Field>Args` types, nullable types are `Maybe<…>`, enums are `declare enum`. Read with the TypeScript
// compiler API; the result is checked by validating every operation document the SDK itself ships against it.
import { buildSchema, parse, validate } from 'graphql';
import ts from 'typescript';
import type { Provenance } from './extract.ts';

type TypeKind = 'type' | 'interface' | 'input';

interface Field {
  name: string;
  type: ts.TypeNode;
}

const BUILT_IN = new Set(['ID', 'String', 'Boolean', 'Int', 'Float']);

/** A property's name (plain or quoted). */
function propName(m: ts.TypeElement): string | undefined {
  const n = m.name;
  return n && (ts.isIdentifier(n) || ts.isStringLiteral(n)) ? n.text : undefined;
}

function literalFields(node: ts.TypeLiteralNode): Field[] {
  return node.members.filter(ts.isPropertySignature).map((m) => ({ name: propName(m)!, type: m.type! })).filter((f) => f.name && f.type);
}

/** The `__typename` literal of an object type (graphql-codegen puts it on every object type). */
function typename(node: ts.TypeLiteralNode): string | undefined {
  const t = node.members.filter(ts.isPropertySignature).find((m) => propName(m) === '__typename')?.type;
  return t && ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined;
}

export function linearSdl(dts: string, documents: Record<string, unknown>, provenance: Provenance): string {
  const start = dts.indexOf('//#region src/_generated_documents.d.ts');
  const end = dts.indexOf('//#endregion', start);
  if (start < 0 || end < 0) throw new Error('the SDK types no longer have a _generated_documents region');
  const source = ts.createSourceFile('linear.d.ts', dts.slice(start, end), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);

  const scalars: string[] = [];
  const enums = new Map<string, string[]>();
  const unions = new Map<string, string[]>();
  const types = new Map<string, { kind: TypeKind; fields: Field[]; implements: string[] }>();
  const argTypes = new Map<string, Field[]>();
  const candidatesInput = new Map<string, Field[]>();

  for (const st of source.statements) {
    if (ts.isEnumDeclaration(st)) {
      enums.set(st.name.text, st.members.map((m) => (m.initializer && ts.isStringLiteral(m.initializer) ? m.initializer.text : m.name.getText(source))));
      continue;
    }
    if (!ts.isTypeAliasDeclaration(st)) continue;
    const name = st.name.text;
    const t = st.type;
    if (name === 'Scalars' && ts.isTypeLiteralNode(t)) {
      scalars.push(...literalFields(t).map((f) => f.name).filter((n) => !BUILT_IN.has(n)));
      continue;
    }
    if (/(Fragment|Variables)$/.test(name)) continue;
    if (name.endsWith('Args') && ts.isTypeLiteralNode(t) && typename(t) === undefined) {
      argTypes.set(name, literalFields(t));
      continue;
    }
    // `A | B | C` of object type names: a union.
    if (ts.isUnionTypeNode(t) && t.types.every((x) => ts.isTypeReferenceNode(x) && !x.typeArguments)) {
      unions.set(name, t.types.map((x) => (x as ts.TypeReferenceNode).typeName.getText(source)));
      continue;
    }
    // `Node & Entity & { __typename?: "Issue"; … }` or a plain literal.
    const parts = ts.isIntersectionTypeNode(t) ? [...t.types] : [t];
    const literal = parts.find(ts.isTypeLiteralNode);
    const bases = parts.filter((x): x is ts.TypeReferenceNode => ts.isTypeReferenceNode(x) && !x.typeArguments).map((x) => x.typeName.getText(source));
    if (!literal || bases.length !== parts.length - 1) continue; // Pick<>/Omit<>/Exact<> shapes: operation results, helpers
    const tn = typename(literal);
    const fields = literalFields(literal).filter((f) => f.name !== '__typename');
    if (tn === name) types.set(name, { kind: 'type', fields, implements: bases });
    else if (tn === undefined && !bases.length) candidatesInput.set(name, fields);
    // A `__typename` naming another type: an operation's result (e.g. `ViewerQuery` is `{__typename?: "Query"} & …`).
  }
  // Literals without `__typename`: interfaces when some object type implements them, inputs otherwise.
  const implemented = new Set([...types.values()].flatMap((t) => t.implements));
  for (const [name, fields] of candidatesInput) types.set(name, { kind: implemented.has(name) ? 'interface' : 'input', fields, implements: [] });

  // `<Owner><Field>Args` → the arguments of Owner.field (matched case-insensitively: `…GitHubPrArgs` → `…GitHubPR`).
  const args = new Map<string, Field[]>();
  for (const [argName, fields] of argTypes) {
    const stem = argName.slice(0, -4);
    let placed = false;
    for (let i = stem.length - 1; i > 0 && !placed; i--) {
      const owner = types.get(stem.slice(0, i));
      const field = owner?.fields.find((f) => f.name.toLowerCase() === stem.slice(i).toLowerCase());
      if (owner && owner.kind !== 'input' && field) {
        args.set(`${stem.slice(0, i)}.${field.name}`, fields);
        placed = true;
      }
    }
    if (!placed) throw new Error(`arguments ${argName} belong to no field`);
  }

  const gqlType = (node: ts.TypeNode): string => {
    if (ts.isTypeReferenceNode(node)) {
      const ref = node.typeName.getText(source);
      const [arg] = node.typeArguments ?? [];
      if ((ref === 'Maybe' || ref === 'InputMaybe') && arg) return gqlType(arg).replace(/!$/, '');
      if (ref === 'Array' && arg) return `[${gqlType(arg)}]!`;
      return `${ref}!`;
    }
    // Scalars["DateTime"] (optionally ["input"] / ["output"]).
    let n: ts.TypeNode = node;
    while (ts.isIndexedAccessTypeNode(n) && ts.isIndexedAccessTypeNode(n.objectType)) n = n.objectType;
    if (ts.isIndexedAccessTypeNode(n) && ts.isLiteralTypeNode(n.indexType) && ts.isStringLiteral(n.indexType.literal)) return `${n.indexType.literal.text}!`;
    throw new Error(`unhandled type ${node.getText(source)}`);
  };

  const lines: string[] = [
    `# Linear's GraphQL schema, rebuilt from ${provenance.source} (${provenance.file}) by dev/emulator/specs/linear-sdl.ts.`,
    `# License of the source: ${provenance.license}. Generated by: ${provenance.generated_by}. Do not edit by hand.`,
  ];
  for (const s of scalars) lines.push(`scalar ${s}`);
  for (const [n, values] of enums) lines.push(`enum ${n} { ${values.join(' ')} }`);
  for (const [n, members] of unions) lines.push(`union ${n} = ${members.join(' | ')}`);
  for (const [n, t] of types) {
    lines.push(`${t.kind} ${n}${t.implements.length ? ` implements ${t.implements.join(' & ')}` : ''} {`);
    for (const f of t.fields) {
      const a = args.get(`${n}.${f.name}`);
      lines.push(`  ${f.name}${a ? `(${a.map((x) => `${x.name}: ${gqlType(x.type)}`).join(', ')})` : ''}: ${gqlType(f.type)}`);
    }
    lines.push('}');
  }
  const sdl = `${lines.join('\n')}\n`;

  // The check: every query and mutation document the SDK ships must be valid against the rebuilt schema.
  const schema = buildSchema(sdl);
  const docs = Object.entries(documents).filter(([k]) => k.endsWith('Document'));
  const invalid = docs.map(([k, d]) => [k, validate(schema, parse(String(d)))] as const).filter(([, e]) => e.length);
  if (!docs.length || invalid.length) throw new Error(`rebuilt Linear schema rejects ${invalid.length}/${docs.length} SDK documents, e.g. ${invalid[0]?.[0]}: ${invalid[0]?.[1][0]?.message}`);
  console.log(`linear: ${types.size} types, ${enums.size} enums, ${unions.size} unions; all ${docs.length} SDK operation documents validate`);
  return sdl;
}
