export type ViewName = 'events' | 'timeline' | 'channels' | 'presence' | 'auth' | 'problems';

const LABELS: Record<ViewName, string> = {
  events: 'Events',
  timeline: 'Timeline',
  channels: 'Channels',
  presence: 'Presence',
  auth: 'Auth',
  problems: 'Problems',
};

interface Props {
  view: ViewName;
  onView: (view: ViewName) => void;
  counts: Partial<Record<ViewName, number>>;
  /** Problems of error severity turn the badge red. */
  problemsSevere: boolean;
}

/** The panel's views, like DevTools' own sub-tabs; arrow keys move between them. */
export function ViewTabs({ view, onView, counts, problemsSevere }: Props) {
  const names = Object.keys(LABELS) as ViewName[];
  return (
    <div
      class="view-tabs"
      role="tablist"
      onKeyDown={(event) => {
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        const next = names[(names.indexOf(view) + step + names.length) % names.length] ?? view;
        onView(next);
        (event.currentTarget.querySelector(`[data-view=${next}]`) as HTMLElement | null)?.focus();
      }}
    >
      {names.map((name) => {
        const count = counts[name];
        return (
          <button
            key={name}
            type="button"
            role="tab"
            data-view={name}
            tabIndex={name === view ? 0 : -1}
            aria-selected={name === view}
            class={name === view ? 'active' : ''}
            onClick={() => onView(name)}
          >
            {LABELS[name]}
            {count !== undefined && count > 0 && (
              <span class={`badge ${name === 'problems' ? (problemsSevere ? 'severe' : 'mild') : ''}`}>{count}</span>
            )}
          </button>
        );
      })}
    </div>
  );
}
