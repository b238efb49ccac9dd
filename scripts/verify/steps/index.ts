/**
 * Every check of a variant, in the order they run. A step is a name, an applicability rule
 * (`notApplicable`) and a body (`run`) that reads and fills the variant's context; to add one,
 * write it beside these and list it here.
 */
import { authStep, crudStep } from './api';
import {
  databaseStep,
  migrateDownStep,
  migrateUpAgainStep,
  migrateUpStep,
} from './database';
import { e2eStep } from './e2e';
import {
  livenessStep,
  metricsStep,
  openapiStep,
  readinessStep,
} from './probes';
import { renderStep } from './render';
import { bootStep, stopStep } from './service';
import type { HarnessStep } from './step';
import {
  installStep,
  lintStep,
  setupStep,
  testStep,
  typecheckStep,
} from './toolchain';

export type { HarnessStep } from './step';
export { releaseService } from './service';

export const STEPS: readonly HarnessStep[] = [
  renderStep,
  setupStep,
  installStep,
  lintStep,
  typecheckStep,
  databaseStep,
  migrateUpStep,
  migrateDownStep,
  migrateUpAgainStep,
  testStep,
  bootStep,
  livenessStep,
  readinessStep,
  metricsStep,
  openapiStep,
  authStep,
  crudStep,
  e2eStep,
  // Last: stops the service, and after a failure still stops it (reported as skipped).
  stopStep,
];
