// A search box that picks an entity by any name in any script
// (GET /v1/search), as a combobox: type, move with the arrow keys, Enter
// picks. A list record linked to a curated card picks the card (the
// network is the knowledge base's).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useDebounced, useLoader } from './hooks';
import { api, query } from './api';
import { Foreign } from './ui';
import type { SearchAnswer, SearchHit } from './knowledge';

export interface Picked {
  id: string;
  name: string;
}

let pickerCount = 0;

export function EntityPicker(props: { label: string; placeholder?: string; onPick: (p: Picked) => void; testid?: string }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [uid] = useState(() => `picker-${++pickerCount}`);
  const q = useDebounced(text.trim(), 180);
  const path = q.length >= 2 ? '/v1/search' + query({ q, limit: 8 }) : null;
  // Each answer with the text it is for: the list may still show an older
  // one while the next is on its way.
  const found = useLoader(path, (signal) => api<SearchAnswer>(path!, { signal }).then((answer) => ({ q, answer })));
  const hits = q.length >= 2 ? found.data?.answer.results ?? [] : [];
  // Whether the hits are those of what is typed now.
  const fresh = q.length >= 2 && found.data?.q === q && q === text.trim();
  // Enter pressed before that answer came: its best hit is picked when it does.
  const [waiting, setWaiting] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => setActive(0), [q]);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const pick = (h: SearchHit) => {
    const id = h.dataset !== 'curated' && h.linked ? h.linked : h.id;
    setWaiting(false);
    props.onPick({ id, name: h.name });
    setText('');
    setOpen(false);
  };
  useEffect(() => {
    if (waiting && fresh) {
      setWaiting(false);
      if (hits[0]) pick(hits[0]);
    }
  }, [waiting, fresh, found.data]);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(hits.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      if (fresh && hits[active]) {
        e.preventDefault();
        pick(hits[active]);
      } else if (text.trim().length >= 2) {
        e.preventDefault();
        setWaiting(true);
      }
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  const showList = open && q.length >= 2;
  return (
    <div class="picker" ref={box}>
      <label for={uid} class="sr-only">{props.label}</label>
      <input
        id={uid}
        type="search"
        role="combobox"
        list={undefined}
        autoComplete="off"
        aria-label={props.label}
        aria-expanded={showList}
        aria-controls={uid + '-list'}
        aria-activedescendant={showList && hits[active] ? `${uid}-opt-${active}` : undefined}
        placeholder={props.placeholder ?? 'Find an entity by any name…'}
        value={text}
        data-testid={props.testid}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          setWaiting(false);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKey}
      />
      {showList ? (
        <ul class="picker-list" role="listbox" id={uid + '-list'} aria-label={props.label}>
          {found.error ? <li class="picker-note">{(found.error as Error).message}</li> : null}
          {!found.error && hits.length === 0 ? <li class="picker-note">{found.loading ? 'Searching…' : `Nothing is named like “${q}”.`}</li> : null}
          {hits.map((h, i) => (
            <li
              key={h.dataset + h.id}
              id={`${uid}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(h);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span class="picker-name">
                <Foreign text={h.name} />
                {h.matched_name && h.matched_name.text !== h.name ? (
                  <span class="muted"> · <Foreign text={h.matched_name.text} script={h.matched_name.script ?? undefined} /></span>
                ) : null}
              </span>
              <span class="picker-meta">
                {h.kind}
                {h.dataset !== 'curated' ? (h.linked ? ` · ${h.dataset} → card` : ` · ${h.dataset}`) : ''}
                {h.listed ? <span class="badge designated">listed</span> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
