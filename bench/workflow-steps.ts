// Where a workflow's time goes, from its Temporal history: when each step's result was recorded, in ms after the
// workflow started — an activity task's completion, or a local activity's marker — and when the workflow completed.
// `bench scale` prints the median over a sample of onboardings, so a change to the hot path shows step by step.
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { median } from './stats.ts';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const millis = (e: HistoryEvent) => Number(e.eventTime?.seconds ?? 0) * 1000 + Math.round((e.eventTime?.nanos ?? 0) / 1e6);

/** Step name → ms after the workflow started, in history order (and when each workflow task started and completed). */
export function stepTimes(events: readonly HistoryEvent[]): Array<[string, number]> {
  if (!events.length) return [];
  const t0 = millis(events[0]!);
  const scheduled = new Map<string, string>();
  const out: Array<[string, number]> = [];
  let tasks = 0;
  for (const e of events) {
    const at = millis(e) - t0;
    const s = e.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(String(e.eventId), s.activityType?.name ?? '?');
    const done = e.activityTaskCompletedEventAttributes;
    if (done) out.push([scheduled.get(String(done.scheduledEventId)) ?? '?', at]);
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName === 'core_local_activity') {
      // Recorded when the workflow task completes; the marker's data says when the step itself completed.
      const data = marker.details?.data?.payloads?.[0];
      const d = data ? defaultPayloadConverter.fromPayload<{ activity_type?: string; complete_time?: { seconds: number; nanos: number } }>(data) : undefined;
      const done = d?.complete_time ? d.complete_time.seconds * 1000 + Math.round(d.complete_time.nanos / 1e6) - t0 : at;
      out.push([`${d?.activity_type ?? '?'} (local)`, done]);
    }
    if (e.workflowTaskStartedEventAttributes) out.push([`workflow task ${tasks + 1} started`, at]);
    if (e.workflowTaskCompletedEventAttributes) out.push([`workflow task ${++tasks} completed`, at]);
    if (e.workflowExecutionCompletedEventAttributes) out.push(['completed', at]);
  }
  return out;
}

/** The median time of each step over several histories (steps in the first history's order), as one log line. */
export function medianSteps(histories: ReadonlyArray<readonly HistoryEvent[]>): string {
  const byStep = new Map<string, number[]>();
  for (const h of histories) for (const [step, at] of stepTimes(h)) byStep.set(step, [...(byStep.get(step) ?? []), at]);
  return [...byStep].map(([step, ats]) => `${step} ${Math.round(median(ats))} ms`).join(', ');
}
