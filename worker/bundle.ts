// The one way to prebuild the workflow bundle (tests, bench, the production image): the workflows plus the
// workflow interceptor modules, so a bundle-fed worker traces and logs request ids like a source-fed one.
import { bundleWorkflowCode, DefaultLogger, type Logger } from '@temporalio/worker';
import { WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH } from './telemetry.ts';

export async function buildWorkflowBundle(logger: Logger = new DefaultLogger('WARN')): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES, logger });
  return code;
}
