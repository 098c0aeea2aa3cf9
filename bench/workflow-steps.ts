// Where a workflow's time goes, from its Temporal history: in ms after the workflow started, when each workflow task
// started and completed, each activity task completed and the workflow completed; and how long each local activity
// ran (inside its workflow task).
// `bench scale` prints the median over a sample of onboardings, so a change to the hot path shows step by step.
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { median } from './stats.ts';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const millis = (e: HistoryEvent) => Number(e.eventTime?.seconds ?? 0) * 1000 + Math.round((e.eventTime?.nanos ?? 0) / 1e6);

/** Step name → ms after the workflow started (a local activity: ms it ran), in history order. */
export function stepTimes(events: readonly HistoryEvent[]): Array<[string, number]> {
  if (!events.length) return [];
  const t0 = millis(events[0]!);
  const scheduled = new Map<string, string>();
  const out: Array<[string, number]> = [];
  let tasks = 0;
  let taskStarted = 0;
  for (const e of events) {
    const at = millis(e) - t0;
    const s = e.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(String(e.eventId), s.activityType?.name ?? '?');
    const done = e.activityTaskCompletedEventAttributes;
    if (done) out.push([scheduled.get(String(done.scheduledEventId)) ?? '?', at]);
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName === 'core_local_activity') {
      // Recorded when the workflow task completes. The marker's `complete_time` is the workflow's time (its task's
      // start) plus the step's own run time, so the difference is how long the step ran.
      const data = marker.details?.data?.payloads?.[0];
      const d = data ? defaultPayloadConverter.fromPayload<{ activity_type?: string; complete_time?: { seconds: number; nanos: number } }>(data) : undefined;
      const ran = d?.complete_time ? d.complete_time.seconds * 1000 + Math.round(d.complete_time.nanos / 1e6) - t0 - taskStarted : NaN;
      out.push([`${d?.activity_type ?? '?'} (local activity, ran for)`, ran]);
    }
    if (e.workflowTaskStartedEventAttributes) {
      taskStarted = at;
      out.push([`workflow task ${tasks + 1} started`, at]);
    }
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
