export { API_CONTRACT_CONSTANTS, apiContract } from './apiContract';
export type { ApiContract } from './apiContract';
export { openapiDocument, sortValues } from './openapiDocument';
