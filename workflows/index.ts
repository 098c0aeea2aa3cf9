// Every workflow the worker registers.
export { connectionTestWorkflow, onboardingWorkflow } from './onboarding.ts';
export { scheduledSyncWorkflow, syncWorkflow } from './sync.ts';
export { backfillWorkflow } from './backfill.ts';
