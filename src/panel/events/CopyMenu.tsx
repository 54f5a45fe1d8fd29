import { useState } from 'preact/hooks';
import { eventAsCurl, eventAsJson, eventAsNodeTrigger } from '../../core/replay/snippets';
import type { LogEntry } from '../../core/session/state';
import { copyText } from '../components/copy-text';

const FORMATS = [
  ['json', 'Copy JSON', eventAsJson],
  ['trigger', 'Copy as pusher.trigger', eventAsNodeTrigger],
  ['curl', 'Copy as curl', eventAsCurl],
] as const;

export function CopyMenu({ entry }: { entry: LogEntry }) {
  const [copied, setCopied] = useState<string | null>(null);
  if (!entry.frame?.ok || entry.frame.cut) return null;
  return (
    <div class="copy-menu">
      {FORMATS.map(([id, label, format]) => (
        <button
          key={id}
          type="button"
          class={`link copy-${id}`}
          onClick={async () => {
            const text = format(entry);
            if (text !== null) setCopied((await copyText(text)) ? label.replace('Copy', 'Copied') : 'Copy failed');
          }}
        >
          {label}
        </button>
      ))}
      {copied && <span class="note" role="status">{copied}</span>}
    </div>
  );
}
