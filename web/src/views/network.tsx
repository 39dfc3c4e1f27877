// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function NetworkView(_props: ViewProps) {
  return <h1>NetworkView</h1>;
}
