import {
  normaliseServiceInput,
  parseServiceInput,
  type InstalledChoices,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import { createBody, floorScripts } from './pgbench';

function spec(fields?: unknown) {
  return normaliseServiceInput(
    parseServiceInput(
      {
        name: 'orders-service',
        owner: 'group:default/team-a',
        repoUrl: 'github.com?owner=acme&repo=orders-service',
        ...(fields ? { fields } : {}),
      },
      { stacks: ['any'], options: {} } as InstalledChoices,
    ),
    { host: 'github.com', owner: 'acme', repo: 'orders-service' },
  );
}

describe('the pgbench floor', () => {
  it('runs the statements of list, get-by-id and create on the resource’s table', () => {
    const scripts = floorScripts(spec(), ['id-1', 'id-2']);
    expect(scripts.list).toEqual([
      'SELECT count(*) FROM items;\nSELECT id, name, description, price, created_at, updated_at FROM items ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;\n',
    ]);
    // One script per id: pgbench picks one at random for each transaction.
    expect(scripts.get).toEqual([
      "SELECT id, name, description, price, created_at, updated_at FROM items WHERE id = 'id-1';\n",
      "SELECT id, name, description, price, created_at, updated_at FROM items WHERE id = 'id-2';\n",
    ]);
    expect(scripts.create).toHaveLength(1);
    expect(scripts.create[0]).toMatch(
      /^INSERT INTO items \(id, name, description, price, created_at, updated_at\) VALUES \(gen_random_uuid\(\), '.*', '.*', [\d.]+, now\(\), now\(\)\) RETURNING id, /,
    );
  });

  it('inserts the row the service is sent, quoting its text as SQL', () => {
    const fields = [
      { name: 'title', type: 'string', required: true },
      { name: 'count', type: 'integer', required: true },
      { name: 'active', type: 'boolean', required: true },
    ];
    const s = spec(fields);
    const body = createBody(s);
    expect(Object.keys(body)).toEqual(['title', 'count', 'active']);
    const insert = floorScripts(s, []).create[0];
    const title = String(body.title).replace(/'/g, "''");
    expect(insert).toContain(
      `VALUES (gen_random_uuid(), '${title}', ${body.count}, ${body.active}, now(), now())`,
    );
  });
});
