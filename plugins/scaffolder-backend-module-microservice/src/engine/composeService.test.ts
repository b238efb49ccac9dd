import fs from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  addBlueprint,
  exampleSpec,
  layerManifest,
  stackManifest,
} from '../__testUtils__/fixtureBlueprints';
import { filtersByName } from '../filters';
import { normaliseServiceInput, parseServiceInput } from '../request';
import { openapiDocument } from '../api';
import { composeService } from './composeService';
import { createRenderEnvironment } from './environment';
import { loadBlueprints } from './loadBlueprints';

const environment = createRenderEnvironment(filtersByName());

async function compose(
  root: string,
  values: Record<string, unknown> = {},
  roots: string[] = [root],
) {
  const catalog = await loadBlueprints(roots);
  const spec = exampleSpec({ stack: 'fixture', ...values });
  return composeService(catalog, environment, spec, openapiDocument(spec));
}

function contentOf(
  files: { path: string; content: Buffer }[],
  path: string,
): string | undefined {
  return files.find(f => f.path === path)?.content.toString('utf8');
}

describe('composeService', () => {
  const blueprints = createMockDirectory();

  beforeEach(() => blueprints.clear());

  it('renders .njk files with the spec and stack facts and copies other files verbatim', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'src/{{ stack.language.packageName }}/main.py.njk':
        'NAME = "{{ spec.name.kebab }}"\nPORT = {{ stack.runtime.port }}\nIMAGE = "{{ stack.runtime.image }}"\n',
      'chart/deployment.yaml': 'name: {{ .Values.name }}\n',
    });
    const { files } = await compose(blueprints.path);
    expect(contentOf(files, 'src/orders_service/main.py')).toBe(
      'NAME = "orders-service"\nPORT = 8000\nIMAGE = "fixture:1.0"\n',
    );
    expect(contentOf(files, 'chart/deployment.yaml')).toBe(
      'name: {{ .Values.name }}\n',
    );
  });

  it('fails on an undefined variable, naming the blueprint, the file and the variable', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'README.md.njk': '# {{ spec.name.kebab }}\n\n{{ spec.nmae }}\n',
    });
    await expect(compose(blueprints.path)).rejects.toThrow(
      /stack "fixture", file README\.md\.njk.*undefined/s,
    );
  });

  it('keeps file modes: executable sources give executable files', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'deploy.sh.njk': '#!/bin/sh\necho {{ spec.name.kebab }}\n',
      'notes.txt': 'plain\n',
    });
    fs.chmodSync(
      blueprints.resolve('stacks/fixture/files/deploy.sh.njk'),
      0o755,
    );
    const { files } = await compose(blueprints.path);
    expect(files.find(f => f.path === 'deploy.sh')?.executable).toBe(true);
    expect(files.find(f => f.path === 'notes.txt')?.executable).toBe(false);
  });

  it('includes conditional files only when their condition holds', async () => {
    addBlueprint(
      blueprints,
      'stacks',
      'fixture',
      stackManifest('fixture', {
        conditions: {
          'src/auth/**': "spec.auth == 'jwt'",
          'src/tracing.py.njk': 'spec.observability.tracing',
        },
      }),
      {
        'src/auth/jwt.py.njk': 'SECRET_ENV = "JWT_SECRET"\n',
        'src/tracing.py.njk': 'TRACING = True\n',
        'src/main.py': 'pass\n',
        '{% if spec.observability.metrics %}metrics.py{% endif %}': 'm\n',
      },
    );
    const plain = await compose(blueprints.path, { metrics: false });
    expect(plain.files.map(f => f.path)).toEqual(['src/main.py']);

    const everything = await compose(blueprints.path, {
      auth: 'jwt',
      tracing: true,
    });
    expect(everything.files.map(f => f.path)).toEqual([
      'metrics.py',
      'src/auth/jwt.py',
      'src/main.py',
      'src/tracing.py',
    ]);
  });

  it('leaves GitHub Actions ${{ }} expressions as written while rendering nunjucks around them', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'ci.yml.njk': [
        'name: {{ spec.name.kebab | yaml }}',
        'concurrency: ${{ github.workflow }}-${{ github.ref }}',
        'env:',
        "  IMAGE: ${{ format('{0}', env.REGISTRY) }}/{{ spec.name.kebab }}",
        '',
      ].join('\n'),
    });
    const { files } = await compose(blueprints.path);
    expect(contentOf(files, 'ci.yml')).toBe(
      [
        'name: "orders-service"',
        'concurrency: ${{ github.workflow }}-${{ github.ref }}',
        'env:',
        "  IMAGE: ${{ format('{0}', env.REGISTRY) }}/orders-service",
        '',
      ].join('\n'),
    );
  });

  it('never evaluates user text as a template', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'about.txt.njk': '{{ spec.description }}',
    });
    const description = '{{ 7 * 7 }} {% raw %} ${{ secrets.TOKEN }}';
    const { files } = await compose(blueprints.path, { description });
    expect(contentOf(files, 'about.txt')).toBe(description);
  });

  it('rejects a rendered YAML file that does not parse, naming the file', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'config.yaml.njk': 'description: {{ spec.description }}\n',
    });
    await expect(
      compose(blueprints.path, { description: 'a: b: c' }),
    ).rejects.toThrow(/file config\.yaml\.njk.*invalid YAML/);
  });

  it('rejects a rendered TOML file that does not parse, naming the file', async () => {
    // A blueprint that forgot the toml filter: a quote in the description ends the string.
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'pyproject.toml.njk': 'description = "{{ spec.description }}"\n',
    });
    await expect(
      compose(blueprints.path, { description: 'say "hi"' }),
    ).rejects.toThrow(/file pyproject\.toml\.njk.*invalid TOML/);
    await expect(
      compose(blueprints.path, { description: 'say hi' }),
    ).resolves.toBeDefined();
  });

  it('copies a verbatim YAML file unparsed, as Helm templates are not YAML until Helm renders them', async () => {
    const helmTemplate =
      '{{- if .Values.ingress.enabled }}\nmetadata:\n  labels:\n    {{- include "app.labels" . | nindent 4 }}\n{{- end }}\n';
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'chart/templates/ingress.yaml': helmTemplate,
    });
    const { files } = await compose(blueprints.path);
    expect(contentOf(files, 'chart/templates/ingress.yaml')).toBe(helmTemplate);
  });

  it('selects layers by form option and by condition', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {});
    addBlueprint(
      blueprints,
      'layers',
      'github-actions',
      layerManifest('github-actions', {
        option: { name: 'ci', value: 'github-actions' },
      }),
      { 'ci.txt': 'gha\n' },
    );
    addBlueprint(
      blueprints,
      'layers',
      'tracing-docs',
      layerManifest('tracing-docs', { when: 'spec.observability.tracing' }),
      { 'tracing.md': 'traces\n' },
    );
    addBlueprint(blueprints, 'layers', 'always', layerManifest('always'), {
      'always.txt': 'always\n',
    });

    const chosen = await compose(blueprints.path, {
      ci: 'github-actions',
      tracing: true,
    });
    expect(chosen.layers.map(l => l.manifest.name)).toEqual([
      'always',
      'github-actions',
      'tracing-docs',
    ]);
    const none = await compose(blueprints.path, { ci: 'none' });
    expect(none.layers.map(l => l.manifest.name)).toEqual(['always']);
  });

  it('refuses two blueprints writing the same path', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'README.md': 'stack\n',
    });
    addBlueprint(blueprints, 'layers', 'docs', layerManifest('docs'), {
      'README.md': 'layer\n',
    });
    await expect(compose(blueprints.path)).rejects.toThrow(
      /Two blueprints write README\.md: stack "fixture".* and layer "docs"/,
    );
  });

  it('lets a later blueprint folder replace a blueprint of the same name', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'owner.txt': 'ours\n',
    });
    const platform = createMockDirectory();
    addBlueprint(platform, 'stacks', 'fixture', stackManifest('fixture'), {
      'owner.txt': 'platform team\n',
    });
    const { files } = await compose(blueprints.path, {}, [
      blueprints.path,
      platform.path,
    ]);
    expect(contentOf(files, 'owner.txt')).toBe('platform team\n');
  });

  it('gives byte-identical output for equal input', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'a.txt.njk': '{{ spec.name.pascal }}\n',
      'b/c.txt.njk': '{{ spec.resource.table }}\n',
    });
    const first = await compose(blueprints.path);
    const second = await compose(blueprints.path);
    expect(second.files).toEqual(first.files);
  });

  it('keeps a layer that requires a role only while another selected layer provides it', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {});
    addBlueprint(
      blueprints,
      'layers',
      'kube',
      layerManifest('kube', {
        option: { name: 'deployment', value: 'kube' },
        provides: {
          deployment: { image: 'toolbox:{{ spec.name.kebab }}', port: 1 },
        },
      }),
      {},
    );
    addBlueprint(
      blueprints,
      'layers',
      'deploy',
      layerManifest('deploy', { requires: ['deployment'] }),
      { 'deploy.txt.njk': '{{ provided.deployment.image }}\n' },
    );
    const catalog = async (deployment: string) => {
      const loaded = await loadBlueprints([blueprints.path]);
      const input = parseServiceInput(
        {
          name: 'orders-service',
          owner: 'team-a',
          repoUrl: 'github.com?owner=acme&repo=orders-service',
          stack: 'fixture',
          deployment,
        },
        { stacks: ['fixture'], options: { deployment: ['kube', 'none'] } },
      );
      const spec = normaliseServiceInput(
        input,
        { host: 'github.com', owner: 'acme', repo: 'orders-service' },
        undefined,
        ['deployment'],
      );
      return composeService(loaded, environment, spec, openapiDocument(spec));
    };
    const on = await catalog('kube');
    expect(on.layers.map(l => l.manifest.name)).toEqual(['deploy', 'kube']);
    expect(contentOf(on.files, 'deploy.txt')).toBe('toolbox:orders-service\n');
    expect(on.context.provided).toEqual({
      deployment: { image: 'toolbox:orders-service', port: 1 },
    });
    const off = await catalog('none');
    expect(off.layers.map(l => l.manifest.name)).toEqual([]);
  });

  it('refuses two selected layers providing the same role', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {});
    for (const name of ['one', 'two']) {
      addBlueprint(
        blueprints,
        'layers',
        name,
        layerManifest(name, { provides: { deployment: { image: name } } }),
        {},
      );
    }
    await expect(compose(blueprints.path)).rejects.toThrow(
      /Layers "one" and "two" both provide "deployment"/,
    );
  });

  it('assembles a shared file from fragments: the stack first, then layers by name', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'README.md.njk':
        '{% for part in fragments.readme %}[{{ part.blueprint }}/{{ part.name }}] {{ part.content }}{% endfor %}',
    });
    blueprints.addContent({
      'stacks/fixture/fragments/readme/tools.md.njk':
        '{{ stack.language.title }}\n',
      'layers/zeta/fragments/readme/deploy.md': 'zeta\n',
      'layers/alpha/fragments/readme/ci.md.njk': '{{ spec.name.kebab }}\n',
      'layers/alpha/fragments/readme/off.md.njk': 'hidden\n',
    });
    addBlueprint(blueprints, 'layers', 'zeta', layerManifest('zeta'), {});
    addBlueprint(
      blueprints,
      'layers',
      'alpha',
      layerManifest('alpha', {
        conditions: { 'fragments/readme/off.md.njk': 'false' },
      }),
      {},
    );
    const { files } = await compose(blueprints.path);
    expect(contentOf(files, 'README.md')).toBe(
      '[fixture/tools.md] Fixture\n[alpha/ci.md] orders-service\n[zeta/deploy.md] zeta\n',
    );
  });

  it("renders each field's row of the stack's type table, and the manifest's own {{ }} values", async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'types.txt.njk':
        '{% for field in fields %}{{ field.name.json }}={{ field.types.native }};{% endfor %}{{ stack.ci.image }}',
    });
    const { files } = await compose(blueprints.path, {
      fields: [
        { name: 'due_date', type: 'date' },
        { name: 'status', type: 'enum', values: ['open', 'done'] },
      ],
    });
    expect(contentOf(files, 'types.txt')).toBe(
      'dueDate=date-due_date;status=enum-status;fixture-ci:1.0',
    );
  });

  it('lists only the commands whose role applies to the request (a token only with JWT)', async () => {
    addBlueprint(blueprints, 'stacks', 'fixture', stackManifest('fixture'), {
      'roles.txt.njk':
        '{% for command in stack.commands %}{{ command.role }} {% endfor %}',
    });
    const roles = async (auth: string) =>
      contentOf((await compose(blueprints.path, { auth })).files, 'roles.txt');
    expect(await roles('jwt')).toContain('token');
    expect(await roles('none')).not.toContain('token');
    expect(await roles('none')).toContain('test');
  });
});
