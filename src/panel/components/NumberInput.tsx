import { useState } from 'preact/hooks';

interface Props {
  value: number;
  min: number;
  max?: number;
  step?: number;
  'aria-label'?: string;
  /** A whole number within [min, max], when the typed text is committed (Enter, or leaving the field). */
  onValue: (value: number) => void;
}

/**
 * A number field that keeps what is being typed until it is committed. A controlled `<input>` is set back to its
 * `value` by every render, and while frames stream the panel renders many times a second: the user's keystrokes
 * would be put back under them.
 */
export function NumberInput({ value, min, max, step, 'aria-label': label, onValue }: Props) {
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <input
      type="number"
      min={min}
      max={max}
      step={step}
      aria-label={label}
      value={typed ?? String(value)}
      onInput={(e) => setTyped(e.currentTarget.value)}
      onChange={(e) => {
        setTyped(null);
        const whole = wholeIn(e.currentTarget.value, min, max ?? Number.MAX_SAFE_INTEGER);
        if (whole !== null) onValue(whole);
      }}
    />
  );
}

/** The typed text as a whole number within [min, max]; null while it is empty or not a number. */
function wholeIn(text: string, min: number, max: number): number | null {
  const value = Math.round(Number(text));
  return text.trim() === '' || !Number.isFinite(value) ? null : Math.min(max, Math.max(min, value));
}
