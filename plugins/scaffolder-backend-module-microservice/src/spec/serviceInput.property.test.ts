import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseDocument } from 'yaml';
import { createRenderAction } from '../actions/render';
import type { RenderedFile } from '../engine';
import type { ServiceRenderer } from '../renderer';
import {
  isUnsafeRelativePath,
  pythonProblems,
  structuredFileProblems,
} from '../__testUtils__/checkRenderedFiles';
import { builtInRenderer } from '../__testUtils__/testRenderer';
import {
  descriptionRule,
  entityRefRule,
  resourceNameRule,
  serviceNameRule,
  targetPathRule,
  type TextRule,
} from './rules';
import { parseServiceInput } from './serviceInput';

jest.setTimeout(60_000);

/** Runs per property; together they keep this file at about 20 s. */
const PROPERTY_RUNS = { render: 100, rules: 300 };

/** Pieces that break naive templating or quoting in some file format. */
const hostilePieces = [
  '{{',
  '}}',
  '${{',
  '{%',
  '%}',
  '{#',
  '#}',
  '`',
  '$(',
  ')',
  '"',
  "'",
  '\\',
  ':',
  '# ',
  '\n',
  '\r',
  '\t',
  '<',
  '>',
  '&',
  '*',
  '_',
  '[',
  ']',
  '|',
  '~',
  '\u2028',
  '\u0000',
  '\u007f',
  '\u0085',
  '\uD800',
  '🚀',
  'ü',
  '日',
  ' ',
  '---',
  '- ',
  '...',
  'x',
  '/',
  '..',
  '%',
  '!',
  '@',
  '?',
  ',',
  '=',
  ';',
  'true',
  'null',
  '0x1',
  '\uFEFF',
  '\u202E',
];
const fieldNames = [
  'name',
  'description',
  'owner',
  'system',
  'lifecycle',
  'resource',
  'auth',
  'metrics',
  'tracing',
  'ci',
  'deployment',
  'repoUrl',
  'targetPath',
  'stack',
  'database',
] as const;

const hostileText = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...hostilePieces), { maxLength })
    .map(parts => parts.join(''));

/** Anything a REST caller could put in one field. */
const anything = fc.oneof(
  hostileText(8),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 45 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    'class',
    'json',
    'order',
    'select',
    'common',
    '../x',
    '/abs',
    'a'.repeat(41),
  ),
);

const segment = (letters: string) =>
  fc.stringMatching(new RegExp(`^[${letters}][${letters}0-9]{0,7}$`));

/** Requests the rules accept, except where a name happens to be a reserved word. */
const plausibleValues = fc.record(
  {
    name: fc
      .array(segment('a-z'), { minLength: 1, maxLength: 4 })
      .map(parts => parts.join('-').slice(0, 40).replace(/-+$/, '')),
    description: fc.oneof(
      hostileText(40),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
    ),
    owner: fc.oneof(
      segment('a-zA-Z'),
      segment('a-z').map(team => `group:default/${team}`),
    ),
    system: fc.option(segment('a-z'), { nil: undefined }),
    lifecycle: fc.constantFrom('experimental', 'production', 'deprecated'),
    resource: fc
      .array(segment('a-z'), { minLength: 1, maxLength: 3 })
      .map(parts => parts.join('_').slice(0, 30).replace(/_+$/, '')),
    auth: fc.constantFrom('none', 'jwt'),
    metrics: fc.boolean(),
    tracing: fc.boolean(),
    ci: fc.constantFrom('github-actions', 'gitlab-ci', 'jenkins', 'none'),
    deployment: fc.constantFrom('kubernetes', 'helm', 'none'),
    repoUrl: fc
      .tuple(segment('a-z'), segment('a-z'))
      .map(
        ([owner, repo]) => `github.com?${new URLSearchParams({ owner, repo })}`,
      ),
    targetPath: fc.option(
      fc
        .array(segment('a-z_'), { minLength: 1, maxLength: 3 })
        .map(p => p.join('/')),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['name', 'owner', 'repoUrl'] },
);

/** Any request a caller could send: plausible ones, and plausible ones with one field replaced. */
const serviceValues = fc.oneof(
  plausibleValues,
  fc
    .tuple(
      plausibleValues,
      fc.constantFrom(...fieldNames),
      fc.oneof(
        anything,
        hostileText(6).map(
          r => `github.com?${new URLSearchParams({ owner: 'acme', repo: r })}`,
        ),
      ),
    )
    .map(([values, field, value]) => ({ ...values, [field]: value })),
);

const violates = (rule: TextRule, value: unknown) =>
  typeof value !== 'string' ||
  value.length > rule.maxLength ||
  !new RegExp(rule.pattern).test(value);

function listFiles(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => path.join(entry.parentPath, entry.name));
}

describe('service input, over the whole input space', () => {
  const workspace = createMockDirectory();
  let renderer: ServiceRenderer;
  let action: ReturnType<typeof createRenderAction>;
  const accepted: { label: string; files: RenderedFile[] }[] = [];

  beforeAll(async () => {
    renderer = await builtInRenderer();
    action = createRenderAction({ renderer });
  });

  /** An invalid request fails the action and leaves the workspace empty. */
  async function checkRejected(ctx: Parameters<typeof action.handler>[0]) {
    await expect(action.handler(ctx)).rejects.toThrow(
      /Invalid service request/,
    );
    expect(listFiles(workspace.path)).toEqual([]);
  }

  /** A valid request renders safely, identically twice, and writes only inside targetPath. */
  async function checkAccepted(
    values: object,
    ctx: Parameters<typeof action.handler>[0],
  ) {
    const first = await renderer.render(values);
    const second = await renderer.render(values);
    // Equal inputs give byte-identical output.
    expect(second.files.map(f => f.path)).toEqual(first.files.map(f => f.path));
    first.files.forEach((file, i) => {
      expect(file.content.equals(second.files[i].content)).toBe(true);
    });
    // Every structured file parses; the description arrives intact.
    expect(structuredFileProblems(first.files)).toEqual([]);
    const catalog = first.files.find(f => f.path === 'catalog-info.yaml')!;
    expect(
      parseDocument(catalog.content.toString('utf8')).toJS().metadata
        .description,
    ).toBe(first.input.description);
    // Every path is relative, normalised and inside the output directory once written.
    expect(first.files.map(f => f.path).filter(isUnsafeRelativePath)).toEqual(
      [],
    );
    await action.handler(ctx);
    const root = path.resolve(workspace.path, first.input.targetPath);
    const written = listFiles(workspace.path);
    expect(written.filter(f => !f.startsWith(`${root}${path.sep}`))).toEqual(
      [],
    );
    expect(
      written.map(f => path.relative(root, f).split(path.sep).join('/')).sort(),
    ).toEqual(first.files.map(f => f.path).sort());
    if (accepted.length < 40) {
      accepted.push({ label: JSON.stringify(values), files: first.files });
    }
  }

  it('renders valid requests safely and identically, and rejects invalid ones before writing', async () => {
    let validCount = 0;
    await fc.assert(
      fc.asyncProperty(serviceValues, async values => {
        workspace.clear();
        let valid = true;
        try {
          parseServiceInput(values, renderer.choices);
        } catch {
          valid = false;
        }
        const ctx = createMockActionContext({
          input: values as any,
          workspacePath: workspace.path,
        }) as Parameters<typeof action.handler>[0];
        validCount += valid ? 1 : 0;
        await (valid ? checkAccepted(values, ctx) : checkRejected(ctx));
      }),
      { numRuns: PROPERTY_RUNS.render },
    );
    // The generators must reach both sides of the rules.
    expect(validCount).toBeGreaterThan(PROPERTY_RUNS.render / 10);
    expect(validCount).toBeLessThan(PROPERTY_RUNS.render);
  });

  it('renders TOML that parses and Python that compiles for the accepted requests', () => {
    expect(accepted.length).toBeGreaterThan(5);
    expect(pythonProblems(accepted)).toEqual([]);
  });

  it('rejects every value that breaks a rule, naming the field', () => {
    fc.assert(
      fc.property(serviceValues, values => {
        const broken = (
          [
            ['name', serviceNameRule],
            ['owner', entityRefRule],
            ['resource', resourceNameRule],
            ['description', descriptionRule],
            ['targetPath', targetPathRule],
            ['system', entityRefRule],
          ] as const
        ).filter(([field, rule]) => {
          const value = (values as Record<string, unknown>)[field];
          return value !== undefined && violates(rule, value);
        });
        fc.pre(broken.length > 0);
        expect(() => parseServiceInput(values, renderer.choices)).toThrow(
          new RegExp(`(^|; |: )${broken[0][0]}: `),
        );
      }),
      { numRuns: PROPERTY_RUNS.rules },
    );
  });
});
