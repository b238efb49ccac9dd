import fs from 'node:fs';
import path from 'node:path';

function listFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The first difference between two trees (paths, contents, executable bits), or undefined. */
export function treeDifference(a: string, b: string): string | undefined {
  const left = listFiles(a);
  const right = listFiles(b);
  const missing = left.filter(file => !right.includes(file));
  const extra = right.filter(file => !left.includes(file));
  if (missing.length || extra.length) {
    return `missing ${missing.slice(0, 5).join(', ') || 'none'}; extra ${extra.slice(0, 5).join(', ') || 'none'}`;
  }
  for (const file of left) {
    const [x, y] = [path.join(a, file), path.join(b, file)];
    if (!fs.readFileSync(x).equals(fs.readFileSync(y)))
      return `${file} differs`;
    const exec = (p: string) => (fs.statSync(p).mode & 0o111) !== 0;
    if (exec(x) !== exec(y)) return `${file}: executable bit differs`;
  }
  return undefined;
}
