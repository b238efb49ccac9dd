/** One filter, described once and registered with both our renderer and Backstage's templating. */
export interface FilterDefinition {
  id: string;
  description: string;
  example: { input: string; output: string };
  fn: (value: any, ...args: any[]) => unknown;
}
