import type { FieldSpec } from '../request';

export type JsonSchema = Record<string, unknown>;

/** Text without the NUL character, which PostgreSQL's text types cannot store. */
export const NO_NUL = '^[^\\u0000]*$';

/** The JSON Schema of a field's value on the wire (without null). */
export function valueSchema(field: FieldSpec): JsonSchema {
  const described = field.description ? { description: field.description } : {};
  switch (field.type) {
    case 'string':
    case 'text':
      // PostgreSQL text cannot hold NUL: refused as any other invalid value.
      return {
        type: 'string',
        maxLength: field.maxLength,
        pattern: NO_NUL,
        ...described,
      };
    case 'integer':
      return {
        type: 'integer',
        format: 'int32',
        minimum: field.minimum,
        maximum: field.maximum,
        ...described,
      };
    case 'decimal':
      // No multipleOf: binary floats make it unreliable across validators. The service rounds to
      // `scale` places (half to even), as a PostgreSQL numeric(precision, scale) column does.
      return {
        type: 'number',
        minimum: field.minimum,
        maximum: field.maximum,
        description: [
          field.description,
          `Rounded to ${field.scale} decimal places.`,
        ]
          .filter(Boolean)
          .join(' '),
      };
    case 'boolean':
      return { type: 'boolean', ...described };
    case 'date':
      return { type: 'string', format: 'date', ...described };
    case 'datetime':
      return { type: 'string', format: 'date-time', ...described };
    case 'uuid':
      return { type: 'string', format: 'uuid', ...described };
    case 'enum':
      return {
        type: 'string',
        enum: field.values!.map(value => value.value),
        ...described,
      };
    default:
      throw new Error(`unknown field type ${String(field.type)}`);
  }
}

/** The value, or null when the field is optional. */
export function propertySchema(field: FieldSpec): JsonSchema {
  const schema = valueSchema(field);
  if (field.required) return schema;
  return { ...schema, type: [schema.type as string, 'null'] };
}

/** Query parameter schemas: a filter takes the field's value type, without its null. */
export function filterParameterSchema(field: FieldSpec): JsonSchema {
  const schema = valueSchema(field);
  delete schema.description;
  if (field.filter.kind === 'substring') {
    return {
      type: 'string',
      minLength: 1,
      maxLength: field.maxLength,
      pattern: NO_NUL,
    };
  }
  return schema;
}
