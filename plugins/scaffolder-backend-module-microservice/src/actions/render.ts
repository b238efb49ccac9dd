import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TEMPLATE_VERSION_ANNOTATION, writeRenderedFiles } from '../engine';
import type { ServiceRenderer } from '../renderer';
import { serviceInputSchema } from '../request';
import { examples } from './render.examples';

export const RENDER_ACTION_ID = 'microservice:render';

/**
 * Renders a complete service — the chosen stack and the layers the request switches on — into
 * the workspace. Rendering writes only inside the workspace, so it runs in dry-run too.
 */
export function createRenderAction(options: { renderer: ServiceRenderer }) {
  const { renderer } = options;

  return createTemplateAction({
    id: RENDER_ACTION_ID,
    description:
      'Renders a production-ready microservice (code, tests, delivery, catalog entities) from a stack and layers.',
    examples,
    supportsDryRun: true,
    schema: {
      input: z => serviceInputSchema(z, renderer.choices),
      output: {
        name: z => z.string().describe('The service name'),
        entityNamespace: z =>
          z.string().describe('Namespace of the generated entities'),
        entityRef: z =>
          z
            .string()
            .describe(
              'The Component entity, e.g. component:default/orders-service',
            ),
        apiEntityRef: z =>
          z.string().describe('The API entity the service provides'),
        targetPath: z =>
          z.string().describe('Workspace folder the service was rendered into'),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Path of catalog-info.yaml in the repository, for catalog:register',
            ),
        files: z =>
          z
            .array(z.string())
            .describe('Every file written, relative to targetPath'),
        stack: z => z.string().describe('The stack rendered'),
        layers: z => z.array(z.string()).describe('The layers rendered'),
        nextSteps: z =>
          z
            .string()
            .describe(
              'Shell lines to run the service and its tests after cloning, one per line',
            ),
      },
    },
    async handler(ctx) {
      const templateRef = ctx.templateInfo?.entityRef;
      const annotations = ctx.templateInfo?.entity?.metadata.annotations;
      const service = await renderer.render(
        ctx.input,
        templateRef
          ? {
              ref: templateRef,
              version: annotations?.[TEMPLATE_VERSION_ANNOTATION],
            }
          : undefined,
      );
      const outputDirectory = resolveSafeChildPath(
        ctx.workspacePath,
        service.input.targetPath,
      );
      await writeRenderedFiles(outputDirectory, service.files);
      ctx.logger.info(
        `Rendered ${service.files.length} files of ${service.spec.name.kebab} (stack ${
          service.stack
        }; layers ${service.layers.join(', ')})`,
      );

      const { catalog } = service.spec;
      ctx.output('name', service.spec.name.kebab);
      ctx.output('entityNamespace', catalog.namespace);
      ctx.output('entityRef', catalog.componentRef);
      ctx.output('apiEntityRef', catalog.apiRef);
      ctx.output(
        'targetPath',
        path.relative(ctx.workspacePath, outputDirectory) || '.',
      );
      ctx.output('catalogInfoPath', `/${catalog.file}`);
      ctx.output(
        'files',
        service.files.map(file => file.path),
      );
      ctx.output('stack', service.stack);
      ctx.output('layers', service.layers);
      ctx.output('nextSteps', service.nextSteps);
    },
  });
}
