import { useState } from 'preact/hooks';

const MAX_CHILDREN = 200;
const MAX_STRING = 2_000;

/** A collapsible view of untrusted JSON: everything is rendered as text. */
export function JsonTree({ value, label, depth = 0 }: { value: unknown; label?: string; depth?: number }) {
  const [open, setOpen] = useState(depth < 2);
  const isContainer = typeof value === 'object' && value !== null;
  const name = label !== undefined ? <span class="json-key">{label}: </span> : null;
  if (!isContainer) {
    return (
      <div class="json-line">
        {name}
        <Scalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const summary = Array.isArray(value) ? `Array(${value.length})` : `{${entries.length === 0 ? '' : '…'}}`;
  return (
    <div class="json-node">
      <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span class="json-arrow">{open ? '▾' : '▸'}</span>
        {name}
        <span class="json-summary">{summary}</span>
      </button>
      {open && (
        <div class="json-children">
          {entries.slice(0, MAX_CHILDREN).map(([key, child]) => (
            <JsonTree key={key} label={key} value={child} depth={depth + 1} />
          ))}
          {entries.length > MAX_CHILDREN && <div class="json-more">… {entries.length - MAX_CHILDREN} more</div>}
        </div>
      )}
    </div>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    const shown = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value;
    return <span class="json-string">"{shown}"</span>;
  }
  if (typeof value === 'number') return <span class="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span class="json-boolean">{String(value)}</span>;
  return <span class="json-null">{String(value)}</span>;
}
