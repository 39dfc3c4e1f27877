// The width of an element in CSS pixels, kept current (ResizeObserver), for
// SVG drawings that are laid out in pixels rather than scaled.
import { useEffect, useRef, useState } from 'preact/hooks';

export function useWidth<T extends HTMLElement>(initial = 800): [{ current: T | null }, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || initial);
    const observer = new ResizeObserver((entries) => {
      const w = Math.round(entries[0].contentRect.width);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
