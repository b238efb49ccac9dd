import type { VariantContext } from '../context';
import type { Step } from '../runner';

/** A step of the harness: it reads and fills a variant's `VariantContext`. */
export type HarnessStep = Step<VariantContext>;
