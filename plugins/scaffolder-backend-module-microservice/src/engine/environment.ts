import nunjucks from 'nunjucks';

export type Filter = (value: any, ...args: any[]) => unknown;

/**
 * GitHub Actions (and GitLab's `$[[ ]]` aside, most CI systems) write expressions as `${{ … }}`,
 * which nunjucks would try to evaluate. Blueprints never mean nunjucks there, so every
 * `${{ … }}` is wrapped in a raw block before compiling. This is the one place the two syntaxes
 * meet; a blueprint that needs a nunjucks value right after `$` writes `{{ '$' }}{{ value }}`.
 */
const ACTIONS_EXPRESSION = /\$\{\{[\s\S]*?\}\}/g;

export function protectActionsExpressions(source: string): string {
  return source.replace(
    ACTIONS_EXPRESSION,
    expression => `{% raw %}${expression}{% endraw %}`,
  );
}

/**
 * The nunjucks environment every blueprint file is rendered with: an undefined variable is an
 * error (a typo must not become an empty string in a generated file), nothing is HTML-escaped
 * (blueprints escape per file type with explicit filters), and no template can include files.
 */
export function createRenderEnvironment(
  filters: Record<string, Filter>,
): nunjucks.Environment {
  const environment = new nunjucks.Environment(null, {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  for (const [name, filter] of Object.entries(filters)) {
    environment.addFilter(name, filter);
  }
  return environment;
}

/** Compiled templates per environment and source text: a blueprint file compiles once. */
const compiled = new WeakMap<
  nunjucks.Environment,
  Map<string, nunjucks.Template>
>();

function compile(
  environment: nunjucks.Environment,
  name: string,
  source: string,
): nunjucks.Template {
  let cache = compiled.get(environment);
  if (!cache) {
    cache = new Map();
    compiled.set(environment, cache);
  }
  const key = `${name}\0${source}`;
  let template = cache.get(key);
  if (!template) {
    template = new nunjucks.Template(
      protectActionsExpressions(source),
      environment,
      name,
      true,
    );
    cache.set(key, template);
  }
  return template;
}

/** Renders one template source; `name` appears in error messages. */
export function renderTemplate(
  environment: nunjucks.Environment,
  name: string,
  source: string,
  context: object,
): string {
  return compile(environment, name, source).render(context);
}

/** Evaluates a nunjucks expression from a manifest (trusted, written by blueprint authors). */
export function evaluateCondition(
  environment: nunjucks.Environment,
  name: string,
  expression: string,
  context: object,
): boolean {
  const rendered = renderTemplate(
    environment,
    name,
    `{% if ${expression} %}true{% endif %}`,
    context,
  );
  return rendered === 'true';
}
