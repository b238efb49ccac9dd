import { exampleSpec } from '../__testUtils__/fixtureBlueprints';
import { reservedNameProblems, type LanguageWords } from './reservedNames';

const language: LanguageWords = {
  title: 'Fixture',
  packageName: 'orders_service',
  packageIsIdentifier: true,
  reserved: {
    identifiers: ['class', 'def'],
    packages: ['json'],
    modules: ['common'],
  },
};

describe('reservedNameProblems', () => {
  it('accepts names the stack does not reserve', () => {
    expect(reservedNameProblems(exampleSpec(), language)).toEqual([]);
  });

  it('refuses a package segment that is a keyword, with a suggestion', () => {
    const spec = exampleSpec({ name: 'class' });
    expect(
      reservedNameProblems(spec, {
        ...language,
        packageName: 'com.github.acme.class',
      }),
    ).toEqual([
      [
        'name',
        '"class" is a Fixture keyword, which the generated code cannot use as a package name; try "class-service"',
      ],
    ]);
  });

  it('leaves a package name that code never spells as identifiers (npm, Go modules) to the other rules', () => {
    const spec = exampleSpec({ name: 'class' });
    expect(
      reservedNameProblems(spec, {
        ...language,
        packageName: 'github.com/acme/class',
        packageIsIdentifier: false,
      }),
    ).toEqual([]);
  });

  it('refuses a package that shadows a module', () => {
    const spec = exampleSpec({ name: 'json' });
    expect(
      reservedNameProblems(spec, { ...language, packageName: 'json' }),
    ).toEqual([
      [
        'name',
        'the Fixture package "json" would shadow a standard-library or dependency module of the same name; try "json-service"',
      ],
    ]);
  });

  it('refuses keyword resources and fields, and resources named like the stack’s modules', () => {
    expect(
      reservedNameProblems(exampleSpec({ resource: 'def' }), language),
    ).toEqual([
      [
        'resource',
        '"def" is a Fixture keyword; choose a more specific name such as "def_item" or "customer_def"',
      ],
    ]);
    expect(
      reservedNameProblems(exampleSpec({ resource: 'common' }), language),
    ).toEqual([
      [
        'resource',
        '"common" already names a module of the generated service; choose a more specific name such as "common_item"',
      ],
    ]);
    const fields = [{ name: 'class', type: 'string' }];
    expect(reservedNameProblems(exampleSpec({ fields }), language)).toEqual([
      [
        'fields.0.name',
        '"class" is a Fixture keyword; choose a more specific name such as "class_value"',
      ],
    ]);
  });
});
