export {
  TEMPLATE_BRANCH,
  UPGRADE_BRANCH,
  upgradeRepository,
  type UpgradePlan,
} from './upgradeRepository';
export { openOrUpdatePullRequest } from './pullRequest';
export { upgradeService, type ServiceUpgrade } from './upgradeService';
export { templateProvenance } from './templateVersion';
