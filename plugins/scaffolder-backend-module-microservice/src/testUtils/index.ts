/**
 * Test helpers for platform teams' own stacks and for this repository's harness: generators of
 * requests the rules accept (fast-check arbitraries), e.g. random field lists for a stack.
 *
 * @packageDocumentation
 */
export { validFieldLists, validFieldListsFor } from './fieldArbitraries';
