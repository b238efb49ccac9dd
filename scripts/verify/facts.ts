/**
 * The stack facts the harness reads: everything it knows about a stack's toolchain comes from
 * the stack's manifest (see the `commands` of `src/engine/blueprint.ts`); it never names a
 * language.
 */
import type { StackFacts } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

export type HarnessFacts = StackFacts;
