// Conformance, one suite per provider: everything its client exchanged with the emulator — success bodies, error
// bodies, pagination and rate-limit headers — checked against the provider's own description (see each provider's
// module for which, and its reviewed deviations); and proof that each check rejects a body broken in one field.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { drive, type ProviderConformance } from './conformance.ts';
import { harness } from './exchanges.ts';
import { datadog } from './datadog.ts';
import { github } from './github.ts';
import { gitlab } from './gitlab.ts';
import { jira } from './jira.ts';
import { linear } from './linear.ts';
import { opsgenie } from './opsgenie.ts';
import { pagerduty } from './pagerduty.ts';
import { sentry } from './sentry.ts';
import { slack } from './slack.ts';
import { headerProblems } from './validator.ts';

const PROVIDERS: ProviderConformance[] = [pagerduty, opsgenie, datadog, sentry, github, gitlab, slack, jira, linear];

for (const p of PROVIDERS) {
  describe(`${p.type} conformance`, () => {
    const h = harness();
    test(`every response the client read conforms to ${p.source}`, async () => {
      await drive(h, p.type);
      await p.scenarios?.(h);
      const failures: string[] = [];
      const statuses = new Set<number>();
      for (const ex of h.exchanges) {
        statuses.add(ex.status);
        const c = p.check(ex);
        if (!c) {
          failures.push(`nothing describes ${ex.method} ${ex.path} ${ex.status}`);
          continue;
        }
        const found = [...(c.body ? c.body(ex.body) : []), ...(c.headers ? headerProblems(ex.headers, c.headers) : [])];
        if (found.length) failures.push(`${c.name}:\n    ${found.slice(0, 12).join('\n    ')}${found.length > 12 ? `\n    … ${found.length - 12} more` : ''}`);
      }
      assert.deepEqual(failures, [], failures.join('\n'));
      for (const s of [200, 503]) assert.ok(statuses.has(s), `${p.type}: a ${s} was exchanged and checked`);
      assert.ok(h.exchanges.some(p.limited ?? ((ex) => ex.status === 429)), `${p.type}: a rate-limited answer was checked`);
      const authFailed = p.authFailed ?? ((ex) => ex.status === 401 || ex.status === 403);
      assert.ok(h.exchanges.some(authFailed), `${p.type}: an authentication failure was checked`);
    });

    test(`the check rejects ${p.broken.what}`, () => {
      const ex = h.exchanges.find(p.broken.find);
      assert.ok(ex, 'the exchange to break was recorded');
      const c = p.check(ex)!;
      assert.deepEqual(c.body!(ex.body), [], 'as recorded it conforms');
      const body = structuredClone(ex.body);
      p.broken.breakIt(body);
      assert.ok(c.body!(body).length > 0, `${p.broken.what} is rejected`);
    });
  });
}
