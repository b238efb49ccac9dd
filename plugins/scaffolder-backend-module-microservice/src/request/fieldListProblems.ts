import {
  FIELD_NAMES_TAKEN,
  fieldProblems,
  isFieldName,
  type FieldInput,
} from './fieldInput';
import { normaliseFields } from './fieldSpec';
import { sqlReservedWord } from './reservedWords';

/**
 * What is wrong with a list of fields as a whole, beyond each field's shape: each field's own
 * problems, names the service uses already, SQL reserved words, two fields with one name, and
 * list parameters that would collide (a field `min_price` next to a field `price`).
 * Language keywords are checked against the chosen stack (reservedNames.ts).
 */
export function fieldListProblems(
  fields: FieldInput[],
): [(string | number)[], string][] {
  const problems: [(string | number)[], string][] = [];
  for (const [index, field] of fields.entries()) {
    for (const [path, message] of fieldProblems(field)) {
      problems.push([[index, path], message]);
    }
    if (!isFieldName(field.name)) continue;
    if ((FIELD_NAMES_TAKEN as readonly string[]).includes(field.name)) {
      problems.push([
        [index, 'name'],
        `"${field.name}" is used by the service already (${FIELD_NAMES_TAKEN.join(', ')}); choose another name`,
      ]);
    } else if (sqlReservedWord(field.name)) {
      problems.push([
        [index, 'name'],
        `"${field.name}" is an SQL reserved word; choose a more specific name such as "${field.name}_value"`,
      ]);
    }
  }
  if (problems.length > 0) return problems;

  // Every name a field occupies: its JSON property and column, and its list parameters.
  const owners = new Map<string, number>();
  const claim = (name: string, index: number, what: string) => {
    const other = owners.get(name.toLowerCase());
    if (other !== undefined && other !== index) {
      problems.push([
        [index, 'name'],
        `${what} "${name}" is also a name of field "${fields[other].name}"; rename one of them`,
      ]);
    } else {
      owners.set(name.toLowerCase(), index);
    }
  };
  const specs = normaliseFields(fields);
  for (const [index, field] of specs.entries()) {
    claim(field.name.json, index, 'the property');
  }
  for (const [index, field] of specs.entries()) {
    const { filter } = field;
    for (const parameter of [filter.contains, filter.min, filter.max]) {
      if (parameter) claim(parameter, index, 'its list parameter');
    }
  }
  return problems;
}
