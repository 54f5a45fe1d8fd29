export interface SensitiveHint {
  path: string;
  reason: string;
}

// Whole words only: `token` and `access_token` yes, `tokenizer` and `authorName` no.
const KEY = /(^|[_\-.])(e-?mail|password|passwd|secret|token|api[_-]?key|ssn|phone|credit[_-]?card|card[_-]?number|cvv|iban)($|[_\-.])/i;
const CAMEL_KEY = /^(email|password|secret|token|apiKey|accessToken|refreshToken|authToken|phoneNumber|creditCard|cardNumber)$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[a-z]{2,}$/i;
const JWT = /^eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}$/;
const BEARER = /^bearer\s+\S{16,}$/i;
const HEX_SECRET = /^[0-9a-f]{32,}$/i;

const MAX_DEPTH = 6;
const MAX_NODES = 500;

/** Looks for fields that should not travel on a public channel. A heuristic: a hint, never proof. */
export function findSensitiveData(value: unknown, limit = 5): SensitiveHint[] {
  const hints: SensitiveHint[] = [];
  let nodes = 0;
  const visit = (node: unknown, path: string, depth: number): void => {
    if (hints.length >= limit || ++nodes > MAX_NODES || depth > MAX_DEPTH) return;
    if (typeof node === 'string') {
      const reason = sensitiveValue(node);
      if (reason) hints.push({ path: path || '(data)', reason });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node)) {
      const childPath = path ? `${path}.${key}` : key;
      if ((KEY.test(key) || CAMEL_KEY.test(key)) && child !== null && child !== '' && typeof child !== 'boolean') {
        hints.push({ path: childPath, reason: `a field named "${key}"` });
        if (hints.length >= limit) return;
        continue;
      }
      visit(child, childPath, depth + 1);
    }
  };
  try {
    visit(value, '', 0);
  } catch {
    // hostile shapes (getters that throw, cycles beyond the bounds): keep what was found
  }
  return hints;
}

function sensitiveValue(text: string): string | null {
  if (text.length > 4096) return null;
  if (EMAIL.test(text)) return 'a value that looks like an email address';
  if (JWT.test(text)) return 'a value that looks like a JWT';
  if (BEARER.test(text)) return 'a bearer token';
  if (HEX_SECRET.test(text)) return 'a long hex string that looks like a secret';
  return null;
}

/** Public channel names that look user-specific: an email, or a user/account prefix followed by an id. */
export function userSpecificChannelName(name: string): string | null {
  // One character before the @ is enough: `[^\s@]+@` retried from every position took quadratic time on long names.
  if (/[^\s@]@[^\s@]+\.[a-z]{2,}/i.test(name)) return 'The name contains an email address.';
  if (/(^|[-_.])(user|users|account|customer|member|profile)[-_.]?\d+($|[-_.])/i.test(name)) {
    return 'The name holds a user or account id: anyone who guesses it can subscribe.';
  }
  return null;
}
