// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function TimelineView(_props: ViewProps) {
  return <h1>TimelineView</h1>;
}
