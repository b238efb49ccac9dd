import { InputError } from '@backstage/errors';
import { parseDocument } from 'yaml';
import {
  composeService,
  createRenderEnvironment,
  type RenderedFile,
} from '../engine';
import { openapiDocument } from '../api';
import { filtersByName } from '../filters';
import type { ServiceRenderer } from '../renderer';
import {
  isUnsafeRelativePath,
  pythonProblems,
  structuredFileProblems,
  unescapeMarkdown,
} from '../__testUtils__/checkRenderedFiles';
import { builtInRenderer } from '../__testUtils__/testRenderer';
import { hostileInputs } from './__fixtures__/hostileInputs.corpus';
import { normaliseServiceInput } from './normaliseServiceInput';

const CI = ['github-actions', 'gitlab-ci', 'jenkins', 'none'];
const DEPLOYMENT = ['kubernetes', 'helm', 'none'];

/** A valid request; entries change one field. Options rotate so every layer sees hostile text. */
function baseValues(index: number): Record<string, unknown> {
  return {
    name: 'orders-service',
    description: 'Takes orders.',
    owner: 'group:default/team-a',
    system: 'orders',
    repoUrl: 'github.com?owner=acme&repo=orders-service',
    ci: CI[index % CI.length],
    deployment: DEPLOYMENT[index % DEPLOYMENT.length],
    auth: index % 2 ? 'jwt' : 'none',
    tracing: index % 5 === 0,
    metrics: index % 7 !== 0,
  };
}

const text = (files: RenderedFile[], path: string) =>
  files.find(file => file.path === path)?.content.toString('utf8');

describe('the hostile-input corpus', () => {
  let renderer: ServiceRenderer;
  const rendered: { label: string; files: RenderedFile[] }[] = [];

  beforeAll(async () => {
    renderer = await builtInRenderer();
  });

  it('has at least 150 entries, each unique', () => {
    expect(hostileInputs.length).toBeGreaterThanOrEqual(150);
    const keys = hostileInputs.map(
      e => `${e.field}=${JSON.stringify(e.value)}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  const indexed = hostileInputs.map((entry, index) => ({ ...entry, index }));

  it.each(
    indexed.flatMap(({ index, field, value, expect: expected }) =>
      expected === 'ok' ? [] : [[index, field, value, expected.error] as const],
    ),
  )('#%i %s=%j is refused', async (index, field, value, rule) => {
    const failure = renderer.render({ ...baseValues(index), [field]: value });
    await expect(failure).rejects.toThrow(InputError);
    await expect(failure).rejects.toThrow(rule);
  });

  it.each(
    indexed.flatMap(({ index, field, value, expect: expected }) =>
      expected === 'ok' ? [[index, field, value] as const] : [],
    ),
  )('#%i %s=%j renders', async (index, field, value) => {
    const values = { ...baseValues(index), [field]: value };
    const { files, spec, input } = await renderer.render(values);
    rendered.push({ label: `#${index}`, files });

    expect(structuredFileProblems(files)).toEqual([]);
    expect(files.map(f => f.path).filter(isUnsafeRelativePath)).toEqual([]);
    expect(spec.name.kebab).toBe(input.name);

    // The description arrives intact where the catalog and docs show it.
    const catalog = parseDocument(text(files, 'catalog-info.yaml')!);
    expect(catalog.toJS().metadata.description).toBe(input.description);
    const readme = text(files, 'README.md')!.split('\n');
    const line = input.description ? readme[2] : '';
    expect(unescapeMarkdown(line)).toBe(input.description);
    // No raw HTML or unescaped Markdown syntax from the description.
    expect(line).not.toMatch(/<|(^|[^\\])[`*[\]{}|]/);
  });

  it('renders TOML that parses and Python that compiles, for every accepted entry', () => {
    expect(rendered.length).toBeGreaterThan(50);
    expect(pythonProblems(rendered)).toEqual([]);
  });

  it('has checks that catch what the rules keep out (rendered here without validation)', async () => {
    const input = {
      ...(await renderer.render(baseValues(0))).input,
      name: 'class',
      resource: 'import',
    };
    const spec = normaliseServiceInput(
      input,
      { host: 'github.com', owner: 'acme', repo: 'class' },
      undefined,
      Object.keys(renderer.choices.options),
    );
    const service = composeService(
      renderer.catalog,
      createRenderEnvironment(filtersByName()),
      spec,
      openapiDocument(spec),
    );
    expect(
      pythonProblems([{ label: 'unvalidated', files: service.files }]).join(
        '\n',
      ),
    ).toMatch(/SyntaxError/);
  });
});
