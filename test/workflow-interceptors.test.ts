// Which workflow starts load OpenTelemetry in the workflow sandbox: only those whose start carried a trace context.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import { carriesTrace, TRACE_HEADER } from '../contracts/headers.ts';

const header = (v: unknown) => ({ [TRACE_HEADER]: defaultPayloadConverter.toPayload(v)! });

test('a start is traced only when its trace header holds a traceparent', () => {
  assert.equal(carriesTrace(header({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' })), true);
  // What every client of ours sends with tracing off: the header with an empty carrier.
  assert.equal(carriesTrace(header({})), false);
  assert.equal(carriesTrace({}), false, 'no header (a start by a Temporal Schedule)');
  assert.equal(carriesTrace(header({ traceparent: '' })), false);
  assert.equal(carriesTrace(header(null)), false);
  assert.equal(carriesTrace({ [TRACE_HEADER]: { metadata: { encoding: Buffer.from('binary/unknown') }, data: Buffer.from([1, 2]) } }), false, 'an undecodable header');
});
