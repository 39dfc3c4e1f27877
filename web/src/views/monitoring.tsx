// Monitoring: the subjects vigil screens again after every list update
// (GET/POST/DELETE /v1/monitors), a form to add one, and the alerts the
// updates raised (GET /v1/alerts): a record that is a new hit, one that is
// no longer a hit (it left the list, or fell below the threshold), or one
// whose score or listing changed, each with its cause (the dataset and its
// old and new versions). New alerts are fetched every few seconds
// (since=the last one seen). ?monitor=ID shows one subject's alerts.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ViewProps } from '../app';
import { api, ApiError, query } from '../lib/api';
import { entityHref, href, Link, setQuery } from '../lib/router';
import { useApi, useTitle } from '../lib/hooks';
import { Empty, ErrorBox, Foreign, Loading } from '../lib/ui';
import { COUNTRIES } from '../lib/screen-countries';
import { countryName } from '../lib/knowledge';
import { minuteWords } from '../lib/partial-dates';
import type { Alert, Kind, Monitor } from '../lib/screen-types';
import './screen.css';
import './monitoring.css';

const POLL_MS = 4000;
const ALERTS_SHOWN = 200;

export function MonitoringView(props: ViewProps) {
  useTitle('Monitoring');
  const monitors = useApi<{ monitors: Monitor[] }>('/v1/monitors');
  const only = props.route.query.get('monitor');
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [alertError, setAlertError] = useState<unknown>(null);
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const last = useRef(0);
  const polled = useRef(false);

  // Alerts: all at first, then those after the last seen, every few seconds.
  const poll = async (signal?: AbortSignal) => {
    try {
      const r = await api<{ alerts: Alert[] }>('/v1/alerts' + query({ since: last.current }), { signal });
      setAlertError(null);
      const first = !polled.current;
      polled.current = true;
      const added = r.alerts.filter((a) => a.id > last.current); // two polls may cross
      if (added.length) {
        last.current = Math.max(last.current, ...added.map((a) => a.id));
        setAlerts((a) => {
          const have = new Set((a ?? []).map((x) => x.id));
          return [...(a ?? []), ...added.filter((x) => !have.has(x.id))].sort((x, y) => x.id - y.id);
        });
        if (!first) {
          setFresh((f) => new Set([...f, ...added.map((x) => x.id)]));
          monitors.reload(); // the hits kept with each subject moved too
        }
      } else setAlerts((a) => a ?? []);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setAlertError(e);
    }
  };
  useEffect(() => {
    const controller = new AbortController();
    poll(controller.signal);
    const t = setInterval(() => poll(controller.signal), POLL_MS);
    return () => {
      clearInterval(t);
      controller.abort();
    };
  }, []);

  const list = monitors.data?.monitors ?? [];
  const byId = new Map(list.map((m) => [m.id, m]));
  const shownAlerts = (alerts ?? []).filter((a) => !only || String(a.monitor) === only).slice().reverse();

  return (
    <div class="monitoring">
      <h1>Monitoring</h1>
      <p class="muted intro">
        Subjects under monitoring are screened again whenever a list is updated (a <code>vigil load</code> or an upload that changes a dataset). An alert says what changed for a subject, and why.
      </p>
      <div class="monitoring-grid">
        <AddMonitor onAdded={() => monitors.reload()} />
        <section class="card" aria-labelledby="monitors-title">
          <h2 id="monitors-title">
            Subjects <span class="muted count">{monitors.data ? list.length : ''}</span>
          </h2>
          {monitors.error ? <ErrorBox error={monitors.error} /> : null}
          {!monitors.data && monitors.loading ? <Loading /> : null}
          {monitors.data && list.length === 0 ? <Empty>No subject is monitored yet.</Empty> : null}
          {list.length ? (
            <div class="table-wrap">
              <table class="monitors" data-testid="monitors">
                <thead>
                  <tr>
                    <th scope="col">Subject</th>
                    <th scope="col">Hits now</th>
                    <th scope="col"><span class="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((m) => (
                    <MonitorRow key={m.id} m={m} selected={only === String(m.id)} alerts={(alerts ?? []).filter((a) => a.monitor === m.id).length} onRemoved={() => monitors.reload()} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      </div>

      <section class="card alerts-card" aria-labelledby="alerts-title">
        <div class="row">
          <h2 id="alerts-title">
            Alerts{only ? <> for <Foreign text={byId.get(Number(only))?.label ?? `subject ${only}`} /></> : null}{' '}
            <span class="muted count">{alerts ? shownAlerts.length : ''}</span>
          </h2>
          {only ? (
            <button type="button" class="link" onClick={() => setQuery({ monitor: null })}>All subjects</button>
          ) : null}
          <span class="spacer" />
          <button type="button" class="secondary" onClick={() => poll()}>Check now</button>
        </div>
        {alertError ? <ErrorBox error={alertError} /> : null}
        {alerts === null && !alertError ? <Loading label="Loading alerts…" /> : null}
        {alerts && shownAlerts.length === 0 ? (
          <Empty>No alert yet. After a list update, what changed for each subject appears here (checked every few seconds).</Empty>
        ) : null}
        {shownAlerts.length ? (
          <ol class="alerts" data-testid="alerts" aria-live="polite">
            {shownAlerts.slice(0, ALERTS_SHOWN).map((a) => (
              <AlertItem key={a.id} a={a} fresh={fresh.has(a.id)} />
            ))}
          </ol>
        ) : null}
        {shownAlerts.length > ALERTS_SHOWN ? <p class="hint">The {ALERTS_SHOWN} latest of {shownAlerts.length} alerts are shown.</p> : null}
      </section>
    </div>
  );
}

function subjectLine(q: Monitor['query']): string {
  return [q.birth_date ? `born ${q.birth_date}` : '', q.country ? countryName(q.country) : '', q.kind && q.kind !== 'any' ? q.kind : ''].filter(Boolean).join(' · ');
}

function MonitorRow(props: { m: Monitor; selected: boolean; alerts: number; onRemoved: () => void }) {
  const { m } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    if (!confirm(`Stop monitoring ${m.label}? Its alerts stay.`)) return;
    setBusy(true);
    try {
      await api(`/v1/monitors/${m.id}`, { method: 'DELETE' });
      props.onRemoved();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const screen = href('screen') + query({ name: m.query.name, dob: m.query.birth_date, country: m.query.country, kind: m.query.kind && m.query.kind !== 'any' ? m.query.kind : undefined });
  return (
    <tr class={props.selected ? 'selected' : ''} data-monitor={m.id}>
      <td>
        <strong><Foreign text={m.label} /></strong>
        {m.label !== m.query.name ? (
          <div>
            <Foreign text={m.query.name} />
          </div>
        ) : null}
        <div class="hint">
          {subjectLine(m.query)}
          {subjectLine(m.query) ? ' · ' : ''}since {minuteWords(m.created_at)} by {m.created_by}
        </div>
        {error ? <ErrorBox error={error} /> : null}
      </td>
      <td>
        {m.hits.length === 0 ? (
          <span class="muted">none</span>
        ) : (
          <ul class="monitor-hits">
            {m.hits.map((h) => (
              <li key={h.record}>
                <Link href={entityHref(h.record)} class="mono">{h.record}</Link> <span class="score-chip">{h.score.toFixed(3)}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td class="actions">
        <Link href={href('monitoring') + query({ monitor: String(m.id) })} aria-current={props.selected ? 'page' : undefined}>
          {props.alerts === 1 ? '1 alert' : `${props.alerts} alerts`}
        </Link>
        <Link href={screen}>Screen</Link>
        <button type="button" class="link danger-link" disabled={busy} onClick={remove} aria-label={`Stop monitoring ${m.label}`}>
          Stop
        </button>
      </td>
    </tr>
  );
}

const KIND_TEXT: Record<Alert['kind'], string> = { new: 'New hit', removed: 'No longer a hit', changed: 'Changed' };

function AlertItem(props: { a: Alert; fresh: boolean }) {
  const { a } = props;
  const why =
    a.kind === 'removed'
      ? a.detail.listed === false
        ? 'the record left the list'
        : 'the score fell below the threshold (or out of the top 10)'
      : a.kind === 'changed'
        ? a.detail.digest_changed
          ? 'the listing changed (names, dates, countries or designations)'
          : 'the score moved'
        : 'a record the subject meets appeared or now scores above the threshold';
  return (
    <li class={'alert ' + a.kind + (props.fresh ? ' fresh' : '')} data-testid="alert" data-kind={a.kind}>
      <span class={'badge alert-kind ' + a.kind}>{KIND_TEXT[a.kind]}</span>
      <div class="alert-body">
        <div>
          <strong><Foreign text={a.label} /></strong> —{' '}
          {a.detail.name ? (
            <>
              <Link href={entityHref(a.record)}>
                <Foreign text={a.detail.name} />
              </Link>{' '}
              <span class="mono muted">{a.record}</span>
            </>
          ) : (
            <Link href={entityHref(a.record)} class="mono">{a.record}</Link>
          )}{' '}
          <span class="badge">{a.dataset}</span>
        </div>
        <div class="alert-score">
          {a.old_score !== null ? a.old_score.toFixed(3) : '—'} → {a.new_score !== null ? a.new_score.toFixed(3) : '—'} · {why}
        </div>
        <div class="alert-cause">
          <span class="muted">cause</span> <code>{a.cause}</code> · <time dateTime={a.at}>{minuteWords(a.at)}</time>
        </div>
      </div>
    </li>
  );
}

interface AddForm {
  label: string;
  name: string;
  birth_date: string;
  country: string;
  kind: Kind;
}

function AddMonitor(props: { onAdded: () => void }) {
  const empty: AddForm = { label: '', name: '', birth_date: '', country: '', kind: 'any' };
  const [f, setF] = useState<AddForm>(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<Monitor | null>(null);
  const set = (patch: Partial<AddForm>) => setF((x) => ({ ...x, ...patch }));
  const field = error instanceof ApiError ? error.field : undefined;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: Record<string, string> = { name: f.name };
    if (f.label.trim()) body.label = f.label.trim();
    if (f.birth_date.trim()) body.birth_date = f.birth_date.trim();
    if (f.country.trim()) body.country = f.country.trim();
    if (f.kind !== 'any') body.kind = f.kind;
    try {
      const r = await api<{ monitors: Monitor[] }>('/v1/monitors', { body });
      setAdded(r.monitors[0] ?? null);
      setF(empty);
      props.onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card add-monitor" onSubmit={submit} aria-labelledby="add-title">
      <h2 id="add-title">Monitor a subject</h2>
      <label for="mon-name">Name, in any script</label>
      <input id="mon-name" type="text" dir="auto" required value={f.name} aria-invalid={field === 'name'} onInput={(e) => set({ name: (e.target as HTMLInputElement).value })} />
      <label for="mon-label">Label <span class="muted">(your reference; the name if empty)</span></label>
      <input id="mon-label" type="text" dir="auto" value={f.label} onInput={(e) => set({ label: (e.target as HTMLInputElement).value })} />
      <div class="screen-form-grid">
        <div>
          <label for="mon-dob">Birth date</label>
          <input id="mon-dob" type="text" placeholder="1978" value={f.birth_date} aria-invalid={field === 'birth_date'} onInput={(e) => set({ birth_date: (e.target as HTMLInputElement).value })} />
        </div>
        <div>
          <label for="mon-country">Country</label>
          <input id="mon-country" type="text" list="mon-countries" placeholder="AF" value={f.country} aria-invalid={field === 'country'} onInput={(e) => set({ country: (e.target as HTMLInputElement).value })} />
          <datalist id="mon-countries">
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>{c.name}</option>
            ))}
          </datalist>
        </div>
      </div>
      <label for="mon-kind">Kind</label>
      <select id="mon-kind" value={f.kind} onChange={(e) => set({ kind: (e.target as HTMLSelectElement).value as Kind })}>
        <option value="any">Person or organisation</option>
        <option value="person">Person</option>
        <option value="organization">Organisation</option>
      </select>
      <div class="row add-actions">
        <button type="submit" disabled={busy || !f.name.trim()}>{busy ? 'Adding…' : 'Monitor'}</button>
        <span role="status" aria-live="polite" class="hint">
          {added ? (
            <>
              <Foreign text={added.label} /> is monitored: {added.hits.length === 0 ? 'no hit now' : added.hits.length === 1 ? '1 hit now' : `${added.hits.length} hits now`}.
            </>
          ) : (
            ''
          )}
        </span>
      </div>
      {error ? <ErrorBox error={error} /> : null}
    </form>
  );
}
