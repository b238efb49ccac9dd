// The Node.js lines this project runs on, and a way to get one when the machine has another.
// Supported: the majors in package.json `engines.node` ("22 || 24", as Backstage declares).
// On any other Node (e.g. 20, past its end of life), `npm start` and `npm test` fetch the version
// pinned in `.nvmrc` from the npm registry's prebuilt package `node-<platform>-<arch>` (the binary
// and its headers, so native modules compile for it) into `.tools/`, and run again on it.
// Uses Node built-ins only: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const toolsDirectory = path.join(root, '.tools');

/** The majors `engines.node` allows, e.g. [22, 24] for "22 || 24". */
export function supportedMajors() {
  const { engines } = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  );
  return engines.node
    .split('||')
    .map(range => Number.parseInt(range.trim(), 10));
}

/** The Node version developers and CI use by default (`.nvmrc`). */
export function pinnedNodeVersion() {
  return fs.readFileSync(path.join(root, '.nvmrc'), 'utf8').trim();
}

function majorOf(version) {
  return Number.parseInt(version.replace(/^v/, ''), 10);
}

/**
 * The `bin` folder of Node `version`, installed under .tools/ from the npm registry when
 * missing (about 5 s). Throws when the registry has no build for this platform.
 */
export function nodeBinDirectory(version) {
  const target = path.join(toolsDirectory, `node-v${version}`);
  const bin = path.join(target, 'bin');
  if (fs.existsSync(path.join(bin, 'node'))) return bin;
  const pkg = `node-${process.platform}-${process.arch}@${version}`;
  console.log(`Installing Node ${version} from the npm registry (${pkg})…`);
  fs.mkdirSync(target, { recursive: true });
  const packed = spawnSync(
    'npm',
    ['pack', pkg, '--silent', '--pack-destination', target],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const tarball = packed.stdout?.trim().split('\n').at(-1);
  if (packed.status !== 0 || !tarball) {
    fs.rmSync(target, { recursive: true, force: true });
    throw new Error(`npm pack ${pkg} failed`);
  }
  const unpacked = spawnSync(
    'tar',
    ['xzf', path.join(target, tarball), '-C', target, '--strip-components=1'],
    { stdio: 'inherit' },
  );
  fs.rmSync(path.join(target, tarball), { force: true });
  if (unpacked.status !== 0) {
    fs.rmSync(target, { recursive: true, force: true });
    throw new Error(`unpacking ${pkg} failed`);
  }
  return bin;
}

/** The environment of a child that runs on the Node in `bin` (npm, npx and scripts alike). */
export function environmentWithNode(bin, env = process.env) {
  return { ...env, PATH: `${bin}${path.delimiter}${env.PATH ?? ''}` };
}

/**
 * Returns when this process runs on a supported Node. Otherwise runs the same script again on
 * the pinned Node and exits with its status, so what follows never runs on an unsupported Node.
 */
export function ensureSupportedNode() {
  const running = process.versions.node;
  if (supportedMajors().includes(majorOf(running))) return;
  const pinned = pinnedNodeVersion();
  console.log(
    `Node ${running} is not supported (package.json engines: ${supportedMajors().join(' or ')}); using Node ${pinned}.`,
  );
  const bin = nodeBinDirectory(pinned);
  const rerun = spawnSync(path.join(bin, 'node'), process.argv.slice(1), {
    stdio: 'inherit',
    env: environmentWithNode(bin),
  });
  process.exit(rerun.status ?? 1);
}
