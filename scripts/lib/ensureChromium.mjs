// Installs Debian's Chromium for the browser test when it is missing: browsers downloaded by
// test tools are unreachable here, a registry package is not. Uses Node built-ins only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

function run(command) {
  console.log(`$ ${command}`);
  const result = spawnSync('bash', ['-c', command], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`failed: ${command}`);
    process.exit(result.status ?? 1);
  }
}

// Debian's emoji font: Backstage shows booleans (e.g. on the review page) as emoji, which are
// empty boxes in screenshots without it.
const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';

const missing = [
  ...(fs.existsSync(CHROMIUM) ? [] : ['chromium']),
  ...(fs.existsSync(EMOJI_FONT) ? [] : ['fonts-noto-color-emoji']),
];
if (missing.length > 0) {
  console.log(
    `installing Debian's ${missing.join(' and ')} for the browser test (about a minute)`,
  );
  run('apt-get update -qq');
  run(`apt-get -o DPkg::Lock::Timeout=300 install -y -qq ${missing.join(' ')}`);
}
