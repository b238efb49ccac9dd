export {
  createRenderAction,
  RENDER_ACTION_ID,
  TEMPLATE_VERSION_ANNOTATION,
} from './render';
