// Routing by URL under /ui/: every view has a path that can be shared and
// reloaded (vigil serve answers index.html for any view's URL).
//
//   const route = useRoute();            // { path: ['entity', 'haqqani-network'], query }
//   navigate('/ui/entity/taliban?as_of=2020-01-01');
//   <Link href={entityHref('taliban')}>Taliban</Link>
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export const BASE = '/ui/';

export interface Route {
  path: string[]; // segments after /ui/, decoded
  query: URLSearchParams;
}

function current(): Route {
  let rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  rest = rest.replace(/\/+$/, '');
  const path = rest ? rest.split('/').map((s) => decodeURIComponent(s)) : [];
  return { path, query: new URLSearchParams(location.search) };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  listeners.forEach((l) => l());
  if (!options.replace) window.scrollTo(0, 0);
}

// Changes the query string of the current view without a new history entry
// (filters, sliders): the URL stays shareable.
export function setQuery(params: Record<string, string | undefined | null>): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  navigate(location.pathname + (s ? '?' + s : ''), { replace: true });
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return route;
}

export function href(...segments: string[]): string {
  return BASE + segments.map((s) => encodeURIComponent(s)).join('/');
}
export const entityHref = (id: string) => href('entity', id);
export const sourceHref = (id: string, span?: [number, number]) =>
  href('source', id) + (span ? `?span=${span[0]}-${span[1]}` : '');

export interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  title?: string;
  id?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
  'data-testid'?: string;
  onClick?: () => void;
}

export function Link(props: LinkProps) {
  const { href: to, children, onClick, ...rest } = props;
  return (
    <a
      {...rest}
      href={to}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        onClick?.();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
