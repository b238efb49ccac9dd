export {
  standInIntegrations,
  startGithubStandIn,
  startTestGithubStandIn,
} from './githubStandIn';
export type { GithubStandIn, GithubStandInOptions } from './githubStandIn';
export type { Fault } from './faults';
