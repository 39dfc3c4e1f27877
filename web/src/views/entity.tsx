// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function EntityView(_props: ViewProps) {
  return <h1>EntityView</h1>;
}
