/**
 * The database a generated service uses, stated once: its version and image (development
 * compose, CI service containers) and the development credentials (.env.example, compose, CI).
 * The credentials are for a local, throwaway database only; deployments read DATABASE_URL from
 * a Secret.
 */
export interface DatabaseSpec {
  engine: 'postgresql';
  /** Major version the service is developed and tested against. */
  version: string;
  /** The container image of that version, for compose and CI service containers. */
  image: string;
  port: number;
  /** A local development database: compose creates it, `.env.example` points at it. */
  development: {
    user: string;
    password: string;
    name: string;
    /** postgresql://user:password@localhost:5432/name */
    url: string;
  };
  /** The database the test command uses: its own, never the development one. */
  test: { name: string; url: string };
}

/** The one place the PostgreSQL version is chosen: the current major release. */
export const POSTGRESQL = {
  version: '18',
  image: 'postgres:18-alpine',
  port: 5432,
};

export function databaseSpec(serviceSnake: string): DatabaseSpec {
  const user = 'app';
  const password = 'app';
  const url = (name: string) =>
    `postgresql://${user}:${password}@localhost:${POSTGRESQL.port}/${name}`;
  return {
    engine: 'postgresql',
    ...POSTGRESQL,
    development: { user, password, name: serviceSnake, url: url(serviceSnake) },
    test: { name: `${serviceSnake}_test`, url: url(`${serviceSnake}_test`) },
  };
}
