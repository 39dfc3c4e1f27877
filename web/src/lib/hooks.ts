// Data loading for views: one request per key, aborted when the key changes
// or the view goes away; the previous answer stays on screen while the next
// one loads, so results do not jump.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, isAbort } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

// GET path as JSON (null: nothing to load).
export function useApi<T>(path: string | null): Loaded<T> {
  return useLoader<T>(path, (signal) => api<T>(path!, { signal }));
}

export function useLoader<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: key !== null });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // Started as soon as the view is rendered (a layout effect), not a frame
  // later: the request is under way while the browser paints.
  useLayoutEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    // An answer that settles after its key changed (it was on its way when
    // the request was aborted) is dropped: it would show the old key's data
    // as if it were the new one's.
    loadRef
      .current(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      })
      .catch((error) => {
        if (!controller.signal.aborted && !isAbort(error)) setState({ error, loading: false });
      });
    return () => controller.abort();
  }, [key, tick]);
  // The same function every render: effects and intervals may keep it.
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload } as Loaded<T>;
}

// A value that settles `ms` after its last change (typing).
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

// Sets the document's title for a view.
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · vigil` : 'vigil';
  }, [title]);
}
