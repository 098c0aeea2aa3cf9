// Every workflow the worker registers.
export { connectionTestWorkflow, onboardingWorkflow } from './onboarding.ts';
export { oauthOnboardingWorkflow } from './oauth-onboarding.ts';
