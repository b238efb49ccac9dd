import type { FieldInput } from './fieldInput';
import { DEFAULT_FIELDS } from './fieldInput';
import { fieldListProblems } from './fieldListProblems';
import { normaliseFields } from './fieldSpec';

const problemsOf = (fields: FieldInput[]) =>
  fieldListProblems(fields).map(
    ([path, message]) => `${path.join('.')}: ${message}`,
  );

describe('fieldListProblems', () => {
  it('accepts the default fields and every type with consistent limits', () => {
    expect(problemsOf(DEFAULT_FIELDS)).toEqual([]);
    expect(
      problemsOf([
        { name: 'code', type: 'string', unique: true, maxLength: 20 },
        { name: 'notes', type: 'text', maxLength: 100000 },
        {
          name: 'quantity',
          type: 'integer',
          minimum: -5,
          maximum: 5,
          default: 0,
        },
        {
          name: 'amount',
          type: 'decimal',
          precision: 15,
          scale: 4,
          minimum: 0,
          default: 1.5,
        },
        { name: 'active', type: 'boolean', default: false },
        { name: 'due_on', type: 'date', default: '2026-01-31' },
        { name: 'closed_at', type: 'datetime' },
        { name: 'external_id', type: 'uuid' },
        {
          name: 'status',
          type: 'enum',
          values: ['open', 'in_progress'],
          default: 'open',
        },
      ]),
    ).toEqual([]);
  });

  it.each<[string, FieldInput[], string]>([
    [
      'a limit the type does not take',
      [{ name: 'due_on', type: 'date', maxLength: 3 }],
      '0.maxLength: does not apply to a date field',
    ],
    [
      'min above max',
      [{ name: 'size', type: 'integer', minimum: 5, maximum: 1 }],
      '0.minimum: must not be greater than maximum (1)',
    ],
    [
      'an integer bound beyond 32 bits',
      [{ name: 'size', type: 'integer', maximum: 2 ** 40 }],
      '0.maximum: must be a whole number from -2147483648 to 2147483647',
    ],
    [
      'a scale above the precision',
      [{ name: 'rate', type: 'decimal', precision: 3, scale: 5 }],
      '0.scale: must be at most the precision (3)',
    ],
    [
      'a decimal bound the column cannot hold',
      [
        {
          name: 'rate',
          type: 'decimal',
          precision: 4,
          scale: 2,
          maximum: 1000,
        },
      ],
      '0.maximum: must fit 4 digits with 2 after the point',
    ],
    [
      'a long string that should be text',
      [{ name: 'body', type: 'string', maxLength: 5000 }],
      '0.maxLength: must be at most 1000 for a string field (use text for longer values)',
    ],
    [
      'an enum without values',
      [{ name: 'status', type: 'enum' }],
      '0.values: an enum field needs its values',
    ],
    [
      'an enum value twice',
      [{ name: 'status', type: 'enum', values: ['open', 'open'] }],
      '0.values: "open" is given twice',
    ],
    [
      'a default outside the values',
      [{ name: 'status', type: 'enum', values: ['open'], default: 'shut' }],
      '0.default: must be one of open',
    ],
    [
      'a default of the wrong type',
      [{ name: 'size', type: 'integer', default: 'big' }],
      '0.default: must be a whole number from -2147483648 to 2147483647',
    ],
    [
      'an impossible date default',
      [{ name: 'due_on', type: 'date', default: '2026-02-30x' }],
      '0.default: must be an ISO 8601 date (2026-01-31)',
    ],
    [
      'a unique yes/no field',
      [{ name: 'active', type: 'boolean', unique: true }],
      '0.unique: a yes/no field cannot be unique (two resources at most)',
    ],
    [
      'a unique field with a default',
      [{ name: 'code', type: 'string', unique: true, default: 'x' }],
      '0.default: a unique field cannot have a default (every resource would share it)',
    ],
    [
      'the primary key',
      [{ name: 'id', type: 'uuid' }],
      '0.name: "id" is used by the service already (id, created_at, updated_at, limit, offset, sort); choose another name',
    ],
    [
      'a list parameter',
      [{ name: 'sort', type: 'string' }],
      '0.name: "sort" is used by the service already (id, created_at, updated_at, limit, offset, sort); choose another name',
    ],
    [
      'an SQL reserved word',
      [{ name: 'order', type: 'string' }],
      '0.name: "order" is an SQL reserved word; choose a more specific name such as "order_value"',
    ],
    [
      'the same name twice',
      [
        { name: 'code', type: 'string' },
        { name: 'code', type: 'text' },
      ],
      '1.name: the property "code" is also a name of field "code"; rename one of them',
    ],
    [
      "a field named like another field's filter",
      [
        { name: 'price', type: 'decimal' },
        { name: 'min_price', type: 'decimal' },
      ],
      '0.name: its list parameter "minPrice" is also a name of field "min_price"; rename one of them',
    ],
  ])('refuses %s', (_, fields, message) => {
    expect(problemsOf(fields)).toContain(message);
  });

  it('normalises every name form, limits and filters once', () => {
    const [due, amount, status] = normaliseFields([
      { name: 'due_on', type: 'date', required: true },
      { name: 'unit_amount', type: 'decimal' },
      { name: 'status', type: 'enum', values: ['in_progress', 'done'] },
    ]);
    expect(due).toMatchObject({
      name: {
        snake: 'due_on',
        camel: 'dueOn',
        pascal: 'DueOn',
        kebab: 'due-on',
        column: 'due_on',
        json: 'dueOn',
      },
      required: true,
      requiredOnCreate: true,
      filter: { kind: 'range', min: 'minDueOn', max: 'maxDueOn' },
      sortable: true,
    });
    expect(amount).toMatchObject({
      precision: 12,
      scale: 2,
      maximum: 9999999999.99,
      minimum: -9999999999.99,
    });
    expect(status.values?.map(v => [v.value, v.constant, v.pascal])).toEqual([
      ['in_progress', 'IN_PROGRESS', 'InProgress'],
      ['done', 'DONE', 'Done'],
    ]);
    expect(status.filter).toEqual({ kind: 'exact', equals: 'status' });
  });
});
