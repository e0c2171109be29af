import { ScoranClient } from '@scoran/ledger-client';
import { formats, messages, type Locale } from './i18n';

const TOKEN_KEY = 'scoran.token';

/** What every view needs: the region, the locale's words and formats, and the API client. */
export interface ViewContext {
  region: string;
  departements: string[];
  locale: Locale;
  t: ReturnType<typeof messages>;
  f: ReturnType<typeof formats>;
  client: ScoranClient;
  token(): string | undefined;
}

export function storedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function storeToken(token: string | undefined): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The service serving this page is the API (same origin): no CORS, no URL to configure. */
export function createClient(): ScoranClient {
  return new ScoranClient({ url: window.location.origin, token: storedToken });
}
