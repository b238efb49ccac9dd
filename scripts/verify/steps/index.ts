/**
 * Every check of a variant, in the order they run. A step is a name, an applicability rule
 * (`notApplicable`) and a body (`run`) that reads and fills the variant's context; to add one,
 * write it beside these and list it here. The probes of the booted service (readiness … fuzz) are
 * not blocking: one failing does not hide what the others find.
 */
import { authStep } from './api';
import { conformanceStep } from './conformance';
import {
  databaseStep,
  migrateDownStep,
  migrateUpAgainStep,
  migrateUpStep,
} from './database';
import { e2eStep } from './e2e';
import { fieldSamplesStep } from './fieldSamples';
import { fuzzStep } from './fuzz';
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
  testIsolationStep,
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
  testIsolationStep,
  bootStep,
  livenessStep,
  readinessStep,
  metricsStep,
  openapiStep,
  authStep,
  conformanceStep,
  e2eStep,
  fuzzStep,
  // Stops the service, and after a failure still stops it (reported as skipped).
  stopStep,
  // Renders other fields over the service: after every check of the variant's own render.
  fieldSamplesStep,
];
