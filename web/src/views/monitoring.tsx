// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function MonitoringView(_props: ViewProps) {
  return <h1>MonitoringView</h1>;
}
