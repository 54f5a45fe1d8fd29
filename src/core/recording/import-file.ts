import { parseHar } from './har';
import { parseSessionFile, type Imported } from './session-file';

/** A dropped or picked file: a session export or a HAR file, told apart by their shape. */
export function importFile(text: string): Imported {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value === 'object' && value !== null && 'log' in value) return parseHar(value);
  return parseSessionFile(value);
}
