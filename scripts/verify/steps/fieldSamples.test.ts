import type { ServiceRenderer } from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { createScriptRenderer, DEFAULT_INPUT } from '../../lib/renderService';
import { CheckFailure } from '../common';
import {
  fieldSampleCount,
  fieldSampleSeed,
  sampleFieldLists,
} from './fieldSamples';

jest.setTimeout(60_000);

describe('field samples', () => {
  let renderer: ServiceRenderer;

  beforeAll(async () => {
    renderer = await createScriptRenderer();
  });

  it('replays a given seed and refuses one that is not an integer', () => {
    expect(fieldSampleSeed({ VERIFY_FIELDS_SEED: '42' })).toBe(42);
    expect(() => fieldSampleSeed({ VERIFY_FIELDS_SEED: '4.2' })).toThrow(
      CheckFailure,
    );
    const fresh = fieldSampleSeed({});
    expect(Number.isSafeInteger(fresh)).toBe(true);
  });

  it("takes the variant's count unless VERIFY_FIELD_SAMPLES asks for more", () => {
    expect(fieldSampleCount(2, {})).toBe(2);
    expect(fieldSampleCount(2, { VERIFY_FIELD_SAMPLES: '12' })).toBe(12);
    expect(() => fieldSampleCount(2, { VERIFY_FIELD_SAMPLES: '0' })).toThrow(
      CheckFailure,
    );
  });

  it('gives the same lists for the same seed, and lists every stack renders', async () => {
    for (const stack of renderer.choices.stacks) {
      const request = { stack, resource: 'order_line', auth: 'jwt' };
      const lists = sampleFieldLists(stack, request, 7, 5);
      expect(sampleFieldLists(stack, request, 7, 5)).toEqual(lists);
      expect(lists).toHaveLength(5);
      for (const fields of lists) {
        expect(fields.length).toBeGreaterThan(0);
        const service = await renderer.render({
          ...DEFAULT_INPUT,
          repoUrl: 'github.com?owner=acme&repo=orders-service',
          ...request,
          fields,
        });
        expect(service.spec.resource.fields).toHaveLength(fields.length);
      }
    }
  });
});
