// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function MapView(_props: ViewProps) {
  return <h1>MapView</h1>;
}
