export { createServiceRenderer } from './serviceRenderer';
export type { RenderedService, ServiceRenderer } from './serviceRenderer';
