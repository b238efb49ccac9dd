/** The Microservice template's entity ref, as the portal and REST callers name it. */
export const TEMPLATE_REF = 'template:default/microservice';

export type ScaffolderApi = (
  url: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>;

/** Signs in as the guest (as the portal does) and calls `baseUrl`'s API with its token. */
export async function guestApi(baseUrl: string): Promise<ScaffolderApi> {
  const refresh = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!refresh.ok) throw new Error(`guest sign-in answered ${refresh.status}`);
  const { backstageIdentity } = (await refresh.json()) as any;
  const authorization = `Bearer ${backstageIdentity.token}`;
  return async (url, body) => {
    const response = await fetch(`${baseUrl}/api${url}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  };
}

/** The form's answers for one new service; `name` makes its repository unique in the run. */
export function serviceValues(name: string) {
  return {
    stack: 'python-fastapi',
    name,
    owner: 'group:default/platform-team',
    description: 'A benchmark service.',
    repoUrl: `github.com?owner=acme&repo=${name}`,
    repoVisibility: 'private',
  };
}
