// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function ConflictsView(_props: ViewProps) {
  return <h1>ConflictsView</h1>;
}
