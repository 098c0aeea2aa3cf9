// Every workflow the worker registers.
export { connectionTestWorkflow, onboardingWorkflow } from './onboarding.ts';
export { scheduledSyncWorkflow, syncWorkflow } from './sync.ts';
export { webhookDeliveryWorkflow } from './webhook.ts';
export { oauthOnboardingWorkflow } from './oauth-onboarding.ts';
export { backfillWorkflow } from './backfill.ts';
export { retentionWorkflow } from './retention.ts';
