export {
  createRenderAction,
  RENDER_ACTION_ID,
  TEMPLATE_VERSION_ANNOTATION,
} from './render';
export { createGithubCheckAction, GITHUB_CHECK_ACTION_ID } from './githubCheck';
export {
  createGithubPublishAction,
  GITHUB_PUBLISH_ACTION_ID,
} from './githubPublish';
export {
  CATALOG_CHECK_ACTION_ID,
  createCatalogCheckAction,
} from './catalogCheck';
export { createUpgradeAction, UPGRADE_ACTION_ID } from './upgrade';
export {
  createUpgradeFleetAction,
  UPGRADE_FLEET_ACTION_ID,
} from './upgradeFleet';
