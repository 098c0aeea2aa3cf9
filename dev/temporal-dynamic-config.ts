// The Temporal dynamic config Tributary needs at scale, in one place: passed to the dev server (`npm start`, the test
// harness, the benches) and written into the local cluster's file; deploy/temporal/dynamicconfig.yaml (compose)
// carries the same values, which a test checks. Reasoning and measurements: docs/SCALING.md.
export const TEMPORAL_DYNAMIC_CONFIG = {
  // Workflow starts made by Schedules, per namespace across the cluster (default 30/s; adding workers does not raise
  // it). 10,000 connectors on 5-minute schedules need 33/s on average: 100 leaves 3× headroom for catch-up after an outage.
  'worker.schedulerNamespaceStartWorkflowRPS': 100,
  // The scheduler's internal worker polls with 2 workflow-task pollers by default; under a burst its tasks time out
  // on the sticky queue and wait a minute. More pollers keep a burst of due schedules moving.
  'worker.perNamespaceWorkerOptions': { MaxConcurrentWorkflowTaskPollers: 16, MaxConcurrentActivityTaskPollers: 8 },
  // Lists and describes by search attribute (the UI, schedule listing) default to 10/s per frontend.
  'frontend.namespaceRPS.visibility': 100,
} as const;

/** `temporal server start-dev` arguments setting each value. */
export function devServerDynamicConfigArgs(): string[] {
  return Object.entries(TEMPORAL_DYNAMIC_CONFIG).flatMap(([k, v]) => ['--dynamic-config-value', `${k}=${JSON.stringify(v)}`]);
}

/** The same values as dynamic-config YAML (a server's `dynamicConfigClient.filepath` file). */
export function dynamicConfigYaml(): string {
  return Object.entries(TEMPORAL_DYNAMIC_CONFIG)
    .map(([k, v]) =>
      typeof v === 'object'
        ? `${k}:\n  - value:\n${Object.entries(v).map(([f, x]) => `      ${f}: ${JSON.stringify(x)}`).join('\n')}\n`
        : `${k}:\n  - value: ${JSON.stringify(v)}\n`,
    )
    .join('');
}
