// Mapping fuzz, every provider: records generated from the provider's own description (the schemas the
// conformance suite validates with — every nullable field null, optional fields absent, or everything present, or
// a seeded mix) go through the client's mapping, which must accept each one; and a field the mapping relies on,
// broken, must fail as a `provider_contract` error naming that field — never a TypeError.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { execute, getNamedType, isEnumType, isListType, isNonNullType, isObjectType, parse, type GraphQLOutputType } from 'graphql';
import { linearSchema } from '../../dev/emulator/providers/linear.ts';
import { mapEvent } from '../../providers/datadog/client.ts';
import { mapCommit, mapPullRequest } from '../../providers/github/client.ts';
import { mapDeployment } from '../../providers/gitlab/client.ts';
import { mapIssue as mapJiraIssue } from '../../providers/jira/client.ts';
import { issuesQuery, mapIssue as mapLinearIssue } from '../../providers/linear/client.ts';
import { mapAlert } from '../../providers/opsgenie/client.ts';
import { mapIncident, mapLogEntry } from '../../providers/pagerduty/client.ts';
import { mapIssue as mapSentryIssue } from '../../providers/sentry/client.ts';
import { mapMessage } from '../../providers/slack/client.ts';
import { ProviderError, type NormalizedRecord } from '../../providers/types.ts';
import { datadogSpec } from './datadog.ts';
import { generator, seeded, type Shape } from './generate.ts';
import { githubSpec } from './github.ts';
import { gitlabSpec } from './gitlab.ts';
import { jiraSpec } from './jira.ts';
import { opsgenieSpec } from './opsgenie.ts';
import { pagerdutySpec } from './pagerduty.ts';
import { sentrySpec } from './sentry.ts';
import { slackSpec } from './slack.ts';
import { applyDeviations, describe as describeSchema, pointer, problems, type Description } from './validator.ts';

/** Random records per item schema, besides the minimal and the full one. */
const RANDOM = 150;

interface Case {
  provider: string;
  item: string;
  /** The records, by shape and seed (JSON Schema or GraphQL generated). */
  records(shape: Shape, seed: number): unknown[];
  map(record: any): NormalizedRecord;
  /** Fields the mapping always reads: each, set to the wrong type, must fail naming it. */
  reads: string[];
}

/** A case from a JSON Schema item: each generated record is first checked against the schema (the generator is honest). */
function fromSchema(provider: string, desc: Description, ptr: string, map: Case['map'], reads: string[]): Case {
  const schema = { $ref: `#${ptr}` };
  return {
    provider,
    // `…/issues/items` names an issue list's item.
    item: ptr.endsWith('/items') ? `${ptr.split('/').slice(-2, -1)[0]!} item` : ptr.split('/').pop()!,
    records(shape, seed) {
      const r = generator(desc, shape, seeded(seed))(schema);
      const bad = problems(desc.validator(ptr), r);
      assert.deepEqual(bad, [], `the generated ${provider} record conforms: ${JSON.stringify(r).slice(0, 400)}`);
      return [r];
    },
    map,
    reads,
  };
}

/**
 * Jira returns the fields the client asks for (`fields=summary,created,…`): for the client's own search those are
 * present, while the description (any search) leaves them out. Applied here only.
 */
const jiraRequested = describeSchema(
  applyDeviations(jiraSpec.doc, [
    { pointer: pointer('definitions', 'search', 'properties', 'issues', 'items'), require: ['key', 'fields'], reason: 'the client asks for fields; every issue has a key' },
    { pointer: pointer('definitions', 'search', 'properties', 'issues', 'items', 'properties', 'fields'), require: ['created'], reason: 'every issue has a creation time' },
  ]),
  { openapi: false },
);

/** Linear: the client's own query executed over Linear's schema, every field resolved to a generated value of its type. */
function linearRecords(shape: Shape, seed: number): unknown[] {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const scalar = (name: string): unknown => {
    switch (name) {
      case 'ID': return `id-${Math.floor(rand() * 1e9)}`;
      case 'Int': return Math.floor(rand() * 5);
      case 'Float': return Math.floor(rand() * 5);
      case 'Boolean': return rand() < 0.5;
      case 'DateTime': return new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 1e10)).toISOString();
      case 'String': return `text ${Math.floor(rand() * 1e5)}`;
      default: throw new Error(`no generator for Linear scalar ${name}`);
    }
  };
  const value = (type: GraphQLOutputType, nonNull = false): unknown => {
    if (isNonNullType(type)) return value(type.ofType, true);
    if (!nonNull && (shape === 'minimal' || (shape === 'random' && rand() < 0.3))) return null;
    if (isListType(type)) return Array.from({ length: shape === 'full' ? 2 : shape === 'minimal' ? 1 : 1 + Math.floor(rand() * 3) }, () => value(type.ofType));
    const named = getNamedType(type);
    if (isObjectType(named)) return {};
    if (isEnumType(named)) return pick(named.getValues()).value;
    return scalar(named.name);
  };
  const out = execute({
    schema: linearSchema(),
    document: parse(issuesQuery(pick(['createdAt', 'updatedAt'] as const))),
    variableValues: { first: 50, start: '2025-01-01T00:00:00Z', end: '2025-02-01T00:00:00Z' },
    fieldResolver: (_source, _args, _ctx, info) => value(info.returnType),
  }) as { data?: any; errors?: readonly Error[] };
  assert.deepEqual(out.errors ?? [], [], 'the generated Linear answer executes');
  return JSON.parse(JSON.stringify(out.data)).issues.nodes;
}

const ptr = (...p: string[]) => pointer(...p);
const CASES: Case[] = [
  fromSchema('pagerduty', pagerdutySpec, ptr('definitions', 'incident'), mapIncident, ['id', 'created_at']),
  fromSchema('pagerduty', pagerdutySpec, ptr('definitions', 'log_entry'), mapLogEntry, ['id', 'created_at']),
  fromSchema('opsgenie', opsgenieSpec, ptr('definitions', 'BaseAlert'), (r) => mapAlert(r), ['id', 'createdAt']),
  fromSchema('datadog', datadogSpec, ptr('components', 'schemas', 'EventResponse'), (r) => mapEvent(r), ['id', 'attributes.timestamp']),
  fromSchema('sentry', sentrySpec, ptr('definitions', 'issues', 'items'), mapSentryIssue, ['id', 'firstSeen', 'title']),
  fromSchema('github', githubSpec, ptr('components', 'schemas', 'issue-search-result-item'), mapPullRequest, ['id', 'title']),
  fromSchema('github', githubSpec, ptr('components', 'schemas', 'commit-search-result-item'), mapCommit, ['sha', 'commit.message']),
  fromSchema('gitlab', gitlabSpec, ptr('definitions', 'deployment'), (r) => mapDeployment(r, 'https://gitlab.example.com/acme/app'), ['id', 'iid', 'created_at']),
  fromSchema('slack', slackSpec, ptr('components', 'schemas', 'objs_message'), (r) => mapMessage(r, 'C0123456789', 'https://acme.slack.com'), ['ts']),
  fromSchema('jira', jiraRequested, ptr('definitions', 'search', 'properties', 'issues', 'items'), (r) => mapJiraIssue(r, 'https://acme.atlassian.net'), ['id', 'key', 'fields.created']),
  { provider: 'linear', item: 'Issue (the client\'s query)', records: linearRecords, map: mapLinearIssue, reads: ['id', 'identifier', 'createdAt'] },
];

function setAt(obj: any, path: string, v: unknown) {
  const keys = path.split('.');
  let node = obj;
  for (const k of keys.slice(0, -1)) node = node[k] ??= {};
  node[keys[keys.length - 1]!] = v;
}

function assertRecord(rec: NormalizedRecord, raw: unknown) {
  const where = JSON.stringify(raw).slice(0, 300);
  assert.ok(typeof rec.external_id === 'string' && rec.external_id !== '', `an external id from ${where}`);
  assert.ok(Number.isFinite(Date.parse(rec.occurred_at)), `a time from ${where}`);
  assert.equal(typeof rec.title, 'string', `a title from ${where}`);
  assert.ok(rec.url === null || typeof rec.url === 'string', `a url or null from ${where}`);
}

for (const c of CASES) {
  describe(`${c.provider} ${c.item} mapping`, () => {
    test(`maps every record generated from the description (minimal, full, ${RANDOM} seeded mixes)`, () => {
      const shapes: Array<[Shape, number]> = [['minimal', 1], ['full', 2], ...Array.from({ length: RANDOM }, (_, i): [Shape, number] => ['random', 100 + i])];
      let mapped = 0;
      for (const [shape, seed] of shapes) {
        for (const r of c.records(shape, seed)) {
          assertRecord(c.map(r), r);
          mapped += 1;
        }
      }
      assert.ok(mapped >= shapes.length, `${mapped} records mapped`);
    });

    test(`a broken ${c.reads.join(', ')} fails as provider_contract naming the field`, () => {
      const base = c.records('full', 7)[0];
      for (const field of c.reads) {
        for (const wrong of [{ unexpected: true }, [1, 2]]) {
          const r = structuredClone(base) as any;
          setAt(r, field, wrong);
          assert.throws(() => c.map(r), (err: unknown) => {
            assert.ok(err instanceof ProviderError, `${field} = ${JSON.stringify(wrong)} threw ${String(err)}`);
            assert.equal(err.code, 'provider_contract');
            assert.match(err.message, new RegExp(`"${field.replace(/\./g, '\\.')}[" ]`), err.message);
            return true;
          });
        }
      }
    });
  });
}
