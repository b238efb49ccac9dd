import { createScriptRenderer, DEFAULT_INPUT } from '../lib/renderService';

/**
 * A unique field whose range holds one value (an enum of one value, an integer with minimum =
 * maximum, a decimal range narrower than one step) gets that value in the Go stack's tests:
 * `n%1` is what staticcheck refuses (SA4028), found by the harness's random field samples.
 */
describe('go-gin tests for unique fields of one possible value', () => {
  it('write the value itself, never n%1', async () => {
    const renderer = await createScriptRenderer();
    const service = await renderer.render({
      ...DEFAULT_INPUT,
      repoUrl: 'github.com?owner=acme&repo=orders-service',
      stack: 'go-gin',
      fields: [
        { name: 'kind', type: 'enum', values: ['only'], unique: true },
        {
          name: 'level',
          type: 'integer',
          required: true,
          unique: true,
          minimum: 7,
          maximum: 7,
        },
        {
          name: 'ratio',
          type: 'decimal',
          required: true,
          unique: true,
          precision: 4,
          scale: 2,
          minimum: 0,
          maximum: 0.5,
        },
      ],
    });
    const tests = service.files.filter(f => f.path.endsWith('_test.go'));
    const fresh = tests
      .map(f => f.content.toString('utf8'))
      .join('\n')
      .split('\n')
      .filter(line => /values\["(kind|level|ratio)"\] =/.test(line));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.join('\n')).not.toMatch(/%1\b/);
    expect(fresh.some(line => line.includes('"only"'))).toBe(true);
  });
});
