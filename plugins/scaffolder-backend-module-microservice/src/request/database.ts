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
  /** How many connections each process of the service may hold, from the most replicas it runs. */
  pool: ConnectionPoolSpec;
}

/**
 * Each process's connection pool, sized so that every replica production may scale out to,
 * with a full pool each, stays within what the server allows the service.
 */
export interface ConnectionPoolSpec {
  /** Connections one process holds at most (pool size, overflow included). */
  size: number;
  /** The most replicas of the service in any environment (production's autoscaler maximum). */
  replicas: number;
  /** Connections the service's replicas may hold together: size × replicas never exceeds it. */
  budget: number;
}

/**
 * PostgreSQL's default max_connections is 100; 20 stay free for migrations, consoles and the
 * superuser's reserve. More than 10 per process rarely helps a service of one pod's CPU.
 */
export const CONNECTION_BUDGET = { total: 80, perProcess: 10 };

export function connectionPool(replicas: number): ConnectionPoolSpec {
  const size = Math.max(
    1,
    Math.min(
      CONNECTION_BUDGET.perProcess,
      Math.floor(CONNECTION_BUDGET.total / replicas),
    ),
  );
  return { size, replicas, budget: CONNECTION_BUDGET.total };
}

/** The one place the PostgreSQL version is chosen: the current major release. */
export const POSTGRESQL = {
  version: '18',
  image: 'postgres:18-alpine',
  port: 5432,
};

export function databaseSpec(
  serviceSnake: string,
  maxReplicas: number,
): DatabaseSpec {
  const user = 'app';
  const password = 'app';
  const url = (name: string) =>
    `postgresql://${user}:${password}@localhost:${POSTGRESQL.port}/${name}`;
  return {
    engine: 'postgresql',
    ...POSTGRESQL,
    development: { user, password, name: serviceSnake, url: url(serviceSnake) },
    test: { name: `${serviceSnake}_test`, url: url(`${serviceSnake}_test`) },
    pool: connectionPool(maxReplicas),
  };
}
