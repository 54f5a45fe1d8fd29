import type { PageRecord } from '../messages/records';

export const REDACTED = '[redacted]';

/**
 * Hides what must not leave the machine by default: auth signatures, presence channel_data and encryption
 * shared secrets, in subscribe/signin frames and in auth responses. Everything else is kept as recorded.
 */
export function redactRecord(record: PageRecord): PageRecord {
  if (record.type === 'frame' && record.dir === 'out' && record.text !== undefined) {
    const text = redactJsonText(record.text, (value) => {
      const data = (value as { data?: unknown }).data;
      if (typeof data === 'object' && data !== null) redactFields(data as Record<string, unknown>);
    });
    return text === record.text ? record : { ...record, text };
  }
  if (record.type === 'auth-response') {
    const body = redactJsonText(record.body, (value) => redactFields(value as Record<string, unknown>));
    return body === record.body ? record : { ...record, body };
  }
  return record;
}

function redactFields(fields: Record<string, unknown>): void {
  if (typeof fields.auth === 'string' && fields.auth !== '') {
    const key = fields.auth.split(':')[0] ?? '';
    fields.auth = `${key}:${REDACTED}`;
  }
  for (const name of ['channel_data', 'shared_secret', 'user_data']) if (name in fields) fields[name] = REDACTED;
}

function redactJsonText(text: string, redact: (value: object) => void): string {
  if (!/"(auth|channel_data|shared_secret|user_data)"/.test(text)) return text;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return text;
    redact(value);
    return JSON.stringify(value);
  } catch {
    return text;
  }
}
