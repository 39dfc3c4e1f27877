// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function SourceView(_props: ViewProps) {
  return <h1>SourceView</h1>;
}
