// PagerDuty REST API v2 client: `Authorization: Token token=…`, versioned Accept header, offset/`more` paging.
import { errorFromResponse, request } from '../http.ts';
import type { Credentials, ProviderClient, ProviderEndpoints } from '../types.ts';

const ACCEPT = 'application/vnd.pagerduty+json;version=2';

export function authHeader(creds: Credentials): string {
  return creds.access_token ? `Bearer ${creds.access_token}` : `Token token=${creds.api_key ?? ''}`;
}

const pdMessage = (body: any): string | undefined => {
  const e = body?.error;
  if (!e?.message) return undefined;
  return Array.isArray(e.errors) && e.errors.length ? `${e.message}: ${e.errors.join('; ')}` : e.message;
};

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, pathAndQuery: string) => {
    const res = await request(fetchImpl, `${endpoints.apiBaseUrl}${pathAndQuery}`, {
      headers: { Authorization: authHeader(creds), Accept: ACCEPT },
    });
    if (!res.ok) throw await errorFromResponse(res, pdMessage);
    return res.json() as Promise<any>;
  };
  return {
    async testConnection(creds) {
      // `GET /abilities` is the cheapest call any valid key may make.
      await get(creds, '/abilities');
    },
  };
}
