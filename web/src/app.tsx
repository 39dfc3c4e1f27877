// The application shell: sign-in, the navigation bar and the views, chosen
// by the URL (lib/router.tsx). Each view lives in views/ and loads its own
// data from the API.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { api, ApiError, storeToken, storedToken, type Me } from './lib/api';
import { Link, navigate, useRoute, href, type Route } from './lib/router';
import { SessionContext } from './lib/session';
import { ErrorBox, Loading } from './lib/ui';
import { SignIn } from './views/signin';
import { ScreenDesk } from './views/screen';
import { BatchView } from './views/batch';
import { MonitoringView } from './views/monitoring';
import { SearchView, TopSearch } from './views/search';
import { EntityView } from './views/entity';
import { SourceView } from './views/source';
import { NetworkView } from './views/network';
import { TimelineView } from './views/timeline';
import { MapView } from './views/map';
import { ConflictsView } from './views/conflicts';

export interface ViewProps {
  route: Route;
}

interface ViewEntry {
  first: string; // first path segment
  view: ComponentType<ViewProps>;
  nav?: string; // label in the navigation bar
  role?: 'reader' | 'screener' | 'analyst' | 'admin';
}

// The views, in the navigation bar's order.
const VIEWS: ViewEntry[] = [
  { first: 'screen', view: ScreenDesk, nav: 'Screen', role: 'screener' },
  { first: 'batch', view: BatchView, nav: 'Batch', role: 'screener' },
  { first: 'monitoring', view: MonitoringView, nav: 'Monitoring', role: 'screener' },
  { first: 'search', view: SearchView, nav: 'Search' },
  { first: 'network', view: NetworkView, nav: 'Network' },
  { first: 'timeline', view: TimelineView, nav: 'Timeline' },
  { first: 'map', view: MapView, nav: 'Map' },
  { first: 'conflicts', view: ConflictsView, nav: 'Conflicts' },
  { first: 'entity', view: EntityView },
  { first: 'source', view: SourceView },
  { first: 'sources', view: SourceView, nav: 'Sources' },
];

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined); // undefined: checking
  const [problem, setProblem] = useState<unknown>(null);
  const route = useRoute();

  const check = () =>
    api<Me>('/v1/me')
      .then((m) => {
        setMe(m);
        setProblem(null);
      })
      .catch((e) => {
        if (e instanceof ApiError && e.status === 401) {
          storeToken(null);
          setMe(null);
        } else setProblem(e);
      });

  useEffect(() => {
    check();
    const onUnauthorized = () => {
      if (storedToken()) {
        storeToken(null);
        setMe(null);
      }
    };
    window.addEventListener('vigil:unauthorized', onUnauthorized);
    return () => window.removeEventListener('vigil:unauthorized', onUnauthorized);
  }, []);

  if (problem)
    return (
      <main class="page">
        <ErrorBox error={problem} />
        <button type="button" onClick={() => { setProblem(null); setMe(undefined); check(); }}>Try again</button>
      </main>
    );
  if (me === undefined) return <main class="page"><Loading label="Connecting to vigil…" /></main>;
  if (me === null) return <SignIn onSignedIn={(m) => setMe(m)} />;

  const signOut = () => {
    storeToken(null);
    setMe(null);
    navigate(href());
  };
  const allowed = (v: ViewEntry) => !v.role || me.allows[v.role];
  const first = route.path[0] ?? (me.allows.screener ? 'screen' : 'search');
  const entry = VIEWS.find((v) => v.first === first);
  const View = entry?.view;

  return (
    <SessionContext.Provider value={{ me, signOut }}>
      <header class="topbar">
        <Link href={href()} class="brand" aria-label="vigil home">vigil</Link>
        <nav aria-label="Views">
          {VIEWS.filter((v) => v.nav && allowed(v)).map((v) => (
            <Link key={v.first} href={href(v.first)} class={v.first === first ? 'active' : ''} aria-current={v.first === first ? 'page' : undefined}>
              {v.nav}
            </Link>
          ))}
        </nav>
        <TopSearch hidden={first === 'search'} />
        <div class="who">
          <span title={`token ${me.name}`} data-testid="who">{me.name} · {me.role}</span>
          <button type="button" class="link" onClick={signOut}>Sign out</button>
        </div>
      </header>
      <main class="page" id="main">
        {!entry || !View ? (
          <ErrorBox error={new ApiError(404, 'not_found', `There is no view at ${location.pathname}.`)} />
        ) : !allowed(entry) ? (
          <ErrorBox error={new ApiError(403, 'forbidden', `This view needs the ${entry.role} role; token '${me.name}' is a ${me.role}.`)} />
        ) : (
          <View route={route} />
        )}
      </main>
    </SessionContext.Provider>
  );
}
