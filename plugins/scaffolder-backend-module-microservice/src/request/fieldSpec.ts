import { effectiveLimits, type FieldInput } from './fieldInput';
import { fieldTypeRules, type FieldType, type FilterKind } from './fieldTypes';
import { nameForms } from './nameForms';
import type { NameForms } from './serviceSpec';

/** A field's name in every form a stack or the API needs. */
export interface FieldNames extends NameForms {
  /** The database column (snake case). */
  column: string;
  /** The JSON property on the wire (camel case). */
  json: string;
}

/** The list endpoint's query parameters that filter by one field. */
export interface FieldFilter {
  kind: FilterKind;
  /** `exact`: the parameter equal to the value (the field's JSON name). */
  equals?: string;
  /** `substring`: case-insensitive containment, e.g. `nameContains`. */
  contains?: string;
  /** `range`: inclusive bounds, e.g. `minPrice` and `maxPrice`. */
  min?: string;
  max?: string;
}

export interface EnumValue extends NameForms {
  /** The value on the wire and in the database (snake case, as declared). */
  value: string;
}

/** One field of the resource, normalised: every derived name and limit decided here, once. */
export interface FieldSpec {
  name: FieldNames;
  type: FieldType;
  description: string;
  /** NOT NULL: every resource has a value. */
  required: boolean;
  /** A create request must send it (required and without a default). */
  requiredOnCreate: boolean;
  unique: boolean;
  default?: string | number | boolean;
  /** string, text */
  maxLength?: number;
  /** integer, decimal */
  minimum?: number;
  maximum?: number;
  /** decimal */
  precision?: number;
  scale?: number;
  /** enum */
  values?: EnumValue[];
  filter: FieldFilter;
  sortable: boolean;
  /** A valid value, for API examples and generated tests. */
  example: string | number | boolean;
  /** A second valid value, different from `example` (updates, unique fields). */
  otherExample: string | number | boolean;
}

function filterFor(type: FieldType, names: FieldNames): FieldFilter {
  const kind = fieldTypeRules[type].filter;
  switch (kind) {
    case 'exact':
      return { kind, equals: names.json };
    case 'substring':
      return { kind, contains: `${names.json}Contains` };
    case 'range':
      return { kind, min: `min${names.pascal}`, max: `max${names.pascal}` };
    default:
      return { kind };
  }
}

/** Two valid example values of a field, within its limits. */
function examplesFor(
  field: FieldInput,
  names: FieldNames,
): [string | number | boolean, string | number | boolean] {
  const limits = effectiveLimits(field);
  switch (field.type) {
    case 'string':
    case 'text': {
      const base = names.title;
      return [
        `${base} one`.slice(0, limits.maxLength),
        `${base} two`.slice(-limits.maxLength!),
      ];
    }
    case 'integer':
    case 'decimal': {
      const step =
        field.type === 'decimal' ? 10 ** -Math.min(limits.scale!, 2) : 1;
      const low = Math.max(limits.minimum!, Math.min(limits.maximum!, 1));
      const first = Number(
        low.toFixed(field.type === 'decimal' ? limits.scale : 0),
      );
      const second =
        first + step <= limits.maximum! ? first + step : first - step;
      const round = (n: number) =>
        Number(
          n.toFixed(field.type === 'decimal' ? Math.min(limits.scale!, 2) : 0),
        );
      return [round(first), round(second)];
    }
    case 'boolean':
      return [true, false];
    case 'date':
      return ['2026-01-31', '2026-02-28'];
    case 'datetime':
      return ['2026-01-31T12:00:00Z', '2026-02-28T08:30:00Z'];
    case 'uuid':
      return [
        '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        '9b2d7c1e-4f0a-4b8e-9d3c-5a6f7e8d9c0b',
      ];
    case 'enum': {
      const values = field.values ?? [];
      return [values[0], values[1] ?? values[0]];
    }
    default:
      return ['', ''];
  }
}

/** Normalises validated field inputs (see `fieldProblems`) into the spec every blueprint reads. */
export function normaliseFields(fields: FieldInput[]): FieldSpec[] {
  return fields.map(field => {
    const forms = nameForms(field.name);
    const names: FieldNames = {
      ...forms,
      column: forms.snake,
      json: forms.camel,
    };
    const limits = effectiveLimits(field);
    const [example, otherExample] = examplesFor(field, names);
    const required = field.required ?? false;
    return {
      name: names,
      type: field.type,
      description: field.description ?? '',
      required,
      requiredOnCreate: required && field.default === undefined,
      unique: field.unique ?? false,
      ...(field.default !== undefined ? { default: field.default } : {}),
      ...limits,
      ...(field.values
        ? {
            values: field.values.map(value => ({ value, ...nameForms(value) })),
          }
        : {}),
      filter: filterFor(field.type, names),
      sortable: fieldTypeRules[field.type].sortable,
      example:
        field.default !== undefined && !field.unique ? field.default : example,
      otherExample,
    };
  });
}
