// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function SearchView(_props: ViewProps) {
  return <h1>SearchView</h1>;
}
