import { useRef, useState } from 'preact/hooks';
import { importFile } from '../../core/recording/import-file';
import { exportSession, type RecordedPage } from '../../core/recording/session-file';
import { formatCount } from './format';

export type Notice = { kind: 'error' | 'info'; text: string } | null;

interface Props {
  recorded: () => RecordedPage[];
  onImport: (pages: RecordedPage[]) => void;
  onNotice: (notice: Notice) => void;
  /** Frames the log holds now, and at most. */
  held: number;
  retention: number;
}

/** Export the session to a versioned JSON file (secrets redacted unless asked), import one or a HAR file back. */
export function SessionButtons({ recorded, onImport, onNotice, held, retention }: Props) {
  const [keepSecrets, setKeepSecrets] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        class="tool export"
        aria-label="Export session"
        title={keepSecrets ? 'Export the session, auth signatures and secrets included' : 'Export the session (auth signatures, channel_data and shared secrets redacted)'}
        onClick={() => {
          const file = exportSession(recorded(), { redact: !keepSecrets, now: new Date() });
          const url = URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' }));
          const link = document.createElement('a');
          link.href = url;
          link.download = `pusher-session-${file.exportedAt.replace(/[:.]/g, '-')}.json`;
          link.click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          onNotice({ kind: 'info', text: `Exported ${file.pages.reduce((n, p) => n + p.records.length, 0)} records${keepSecrets ? ' with secrets' : ', secrets redacted'}.` });
        }}
      >
        <TransferIcon direction="down" />
      </button>
      <label class="keep-secrets" title="Keep auth signatures, channel_data and shared secrets in exports">
        <input type="checkbox" checked={keepSecrets} onChange={(e) => setKeepSecrets(e.currentTarget.checked)} /> secrets
      </label>
      <button type="button" class="tool import" aria-label="Import session" title="Import a session file or a HAR file from the Network panel" onClick={() => input.current?.click()}>
        <TransferIcon direction="up" />
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,.har,application/json"
        hidden
        onChange={async (event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (!file) return;
          const result = importFile(await file.text());
          if (!result.ok) return onNotice({ kind: 'error', text: `${file.name}: ${result.error} Nothing was changed.` });
          onImport(result.pages);
          const records = result.pages.reduce((n, p) => n + p.records.length, 0);
          const frames = result.pages.reduce((n, p) => n + p.records.filter((r) => r.type === 'frame').length, 0);
          const over = held + frames > retention ? `; the log keeps the newest ${formatCount(retention)} frames, the oldest were dropped` : '';
          onNotice({ kind: 'info', text: `Imported ${records} records from ${file.name}${result.skipped ? `; ${result.skipped} invalid ones skipped` : ''}${over}.` });
        }}
      />
    </>
  );
}

/**
 * An arrow onto (export) or up from (import) a bar. Drawn, not a character: the arrows-with-bar characters are missing
 * from common fonts (DejaVu on Linux among them), where they showed as empty boxes.
 */
function TransferIcon({ direction }: { direction: 'down' | 'up' }) {
  const arrow = direction === 'down' ? 'M8 2v8M4.5 6.5 8 10l3.5-3.5' : 'M8 10V2M4.5 5.5 8 2l3.5 3.5';
  return (
    <svg class="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d={arrow} />
      <path d="M3 13.5h10" />
    </svg>
  );
}
