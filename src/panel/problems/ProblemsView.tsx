import type { Problem } from '../../core/session/problems';
import { Empty } from '../components/Empty';
import { NumberInput } from '../components/NumberInput';
import type { ViewName } from '../views/ViewTabs';

interface Props {
  problems: Problem[];
  limit: number;
  onLimit: (limit: number) => void;
  onShowEntry: (id: number) => void;
  onView: (view: ViewName) => void;
  onShowChannel: (channel: string) => void;
}


export function ProblemsView({ problems, limit, onLimit, onShowEntry, onView, onShowChannel }: Props) {
  const settings = (
    <label class="setting">
      Event size limit <NumberInput value={limit} min={1} aria-label="Event size limit in bytes" onValue={onLimit} />{' '}
      bytes
      <span class="note"> (10,240 on shared clusters; dedicated clusters may allow more)</span>
    </label>
  );
  if (problems.length === 0) {
    return (
      <>
        {settings}
        <Empty title="No problem found.">
          <p>Auth failures, oversized events, refused connections, reconnect loops and risky patterns show up here as they happen.</p>
        </Empty>
      </>
    );
  }
  return (
    <>
    {settings}
    <ul class="problems">
      {problems.map((p) => (
        <li key={p.id} class={`problem severity-${p.severity}`} data-problem={p.id.split(':')[0]}>
          <div class="problem-title">
            <span class={`icon icon-${p.severity}`} role="img" aria-label={p.severity} />{' '}
            {p.title}
          </div>
          <div class="problem-detail">{p.detail}</div>
          <div class="problem-fix">
            <b>Fix:</b> {p.fix}
          </div>
          <div class="problem-evidence">
            {p.evidence.entryIds?.slice(0, 5).map((id) => (
              <button key={id} type="button" class="link" onClick={() => onShowEntry(id)}>
                frame #{id + 1}
              </button>
            ))}
            {p.evidence.channel !== undefined && (
              <button type="button" class="link" onClick={() => onShowChannel(p.evidence.channel as string)}>
                events on {p.evidence.channel}
              </button>
            )}
            {p.evidence.authKey !== undefined && (
              <button type="button" class="link" onClick={() => onView('auth')}>
                the auth request
              </button>
            )}
            {p.evidence.view !== undefined && p.evidence.view !== 'auth' && (
              <button type="button" class="link" onClick={() => onView(p.evidence.view as ViewName)}>
                {p.evidence.view}
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
    </>
  );
}
