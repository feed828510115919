// The sandbox's public API for a scenario.ts outside the project (`import … from 'mtls-sandbox/scenario'`):
// the scenario contract, evidence helpers, the catalogue's stories and shared probes. Nothing here loads aws-cdk-lib,
// so listing a user's scenarios stays as fast as listing the project's (docs/authoring.md).
export { defineScenario, defineStory } from '../../sandbox/scenario.js';
export type {
  BackendSpec,
  Challenge,
  ChallengePart,
  Expectation,
  HeaderRoute,
  NginxProfile,
  PkiObject,
  PkiParameterValue,
  ProbeClient,
  ProbeContext,
  ProbeSpec,
  ScenarioDefinition,
  Story,
  TargetExpectation,
} from '../../sandbox/scenario.js';
export { assumed, cite, documented, observed } from '../../sandbox/evidence.js';
export type { Citation, EvidenceSpec } from '../../sandbox/evidence.js';
export type { SourceId } from '../../sandbox/sources.js';
export type { Text } from '../../sandbox/text.js';
export type { ClientCertName } from '../../certs/types.js';
export { sourceHashCounts } from '../../sandbox/distribution.js';
export * from '../common/stories.js';
export { clientAuthProbes } from '../common/client-auth-probes.js';
export { OWN_SCENARIOS } from './story.js';
export { shellQuote } from '../../certs/shell-quote.js';
