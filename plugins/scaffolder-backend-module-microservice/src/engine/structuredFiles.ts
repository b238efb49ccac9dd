import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import type { RenderedFile } from './renderedFile';

/**
 * Rendered YAML, JSON and TOML must still parse: a value that broke a file's structure is caught
 * here, with the file's name, instead of in the developer's CI weeks later.
 */
export function assertStructuredFileParses(file: RenderedFile): void {
  const text = () => file.content.toString('utf8');
  if (/\.ya?ml$/.test(file.path)) {
    for (const document of parseAllDocuments(text())) {
      if (document.errors.length > 0) {
        throw new Error(
          `renders invalid YAML (${file.path}): ${document.errors[0].message}`,
        );
      }
    }
  } else if (/\.json$/.test(file.path)) {
    try {
      JSON.parse(text());
    } catch (error) {
      throw new Error(
        `renders invalid JSON (${file.path}): ${(error as Error).message}`,
      );
    }
  } else if (/\.toml$/.test(file.path)) {
    try {
      parseToml(text());
    } catch (error) {
      throw new Error(
        `renders invalid TOML (${file.path}): ${(error as Error).message.split('\n')[0]}`,
      );
    }
  }
}
