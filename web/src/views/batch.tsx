// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function BatchView(_props: ViewProps) {
  return <h1>BatchView</h1>;
}
