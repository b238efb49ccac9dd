import { unescapeMarkdown } from '../__testUtils__/checkRenderedFiles';
import { escapeFilters } from './escapeFilters';

const filter = (id: string) => escapeFilters.find(f => f.id === id)!.fn;

describe('escape filters', () => {
  it.each(escapeFilters.map(f => [f.id, f] as const))(
    '%s does what its example says',
    (_, definition) => {
      expect(definition.fn(definition.example.input)).toBe(
        definition.example.output,
      );
    },
  );

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['# Heading', '\\# Heading'],
    ['1. list', '1\\. list'],
    ['- item', '\\- item'],
    ['[x](javascript:y)', '\\[x\\](javascript:y)'],
    ['{{ x }} {% y %}', '\\{\\{ x \\}\\} \\{% y %\\}'],
    ['a `b` *c* _d_ |e| ~f~', 'a \\`b\\` \\*c\\* \\_d\\_ \\|e\\| \\~f\\~'],
    ['&amp; \\', '&amp;amp; \\\\'],
    ['plain text, 1.5 and a-b.', 'plain text, 1.5 and a-b.'],
  ])('markdown escapes %j', (input, output) => {
    expect(filter('markdown')(input)).toBe(output);
    expect(unescapeMarkdown(output)).toBe(input);
  });
});
