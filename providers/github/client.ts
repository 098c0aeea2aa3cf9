// GitHub REST client: Bearer token, versioned API header, `Link` header pagination.
import { errorFromResponse, request } from '../http.ts';
import type { Credentials, ProviderClient, ProviderEndpoints } from '../types.ts';

const ghMessage = (body: any): string | undefined => (typeof body?.message === 'string' ? body.message : undefined);

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, pathAndQuery: string) => {
    const res = await request(fetchImpl, `${endpoints.apiBaseUrl}${pathAndQuery}`, {
      headers: {
        Authorization: `Bearer ${creds.access_token ?? ''}`,
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
      },
    });
    if (!res.ok) throw await errorFromResponse(res, ghMessage);
    return res.json() as Promise<any>;
  };
  return {
    async testConnection(creds) {
      await get(creds, '/user');
    },
  };
}
