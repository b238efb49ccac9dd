export { createRenderAction, RENDER_ACTION_ID } from './render';
// Public from here since before it moved beside the provenance file.
export { TEMPLATE_VERSION_ANNOTATION } from '../engine';
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
