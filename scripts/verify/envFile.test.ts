import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeEnvFile } from './envFile';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeEnvFile', () => {
  it('sets the harness variables, adds those the example lacks, fills empty ones', () => {
    fs.writeFileSync(
      path.join(dir, '.env.example'),
      [
        '# comment',
        'PORT=8000',
        'DATABASE_URL=postgresql://localhost/x',
        'JWT_SECRET=',
        'LOG_LEVEL="info"',
      ].join('\n'),
    );
    const result = writeEnvFile(dir, {
      PORT: '4100',
      DATABASE_URL: 'postgresql://h/dev',
      TEST_DATABASE_URL: 'postgresql://h/test',
    })!;
    expect(result.variables).toMatchObject({
      PORT: '4100',
      DATABASE_URL: 'postgresql://h/dev',
      TEST_DATABASE_URL: 'postgresql://h/test',
      LOG_LEVEL: 'info',
    });
    expect(result.variables.JWT_SECRET).toMatch(/^[\w-]{48}$/);
    expect(result.changes).toEqual([
      'PORT set',
      'DATABASE_URL set',
      'JWT_SECRET generated (48 random characters)',
      'TEST_DATABASE_URL added',
    ]);
    const written = fs.readFileSync(path.join(dir, '.env'), 'utf8');
    expect(written).toMatch(
      /^# comment\nPORT=4100\nDATABASE_URL=postgresql:\/\/h\/dev\nJWT_SECRET=\S{48}\nLOG_LEVEL=info\nTEST_DATABASE_URL=postgresql:\/\/h\/test$/,
    );
  });

  it('writes nothing without an example', () => {
    expect(writeEnvFile(dir, { PORT: '1' })).toBeUndefined();
    expect(fs.existsSync(path.join(dir, '.env'))).toBe(false);
  });
});
