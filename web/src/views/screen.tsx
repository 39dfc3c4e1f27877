// PLACEHOLDER: replaced by the view's implementation.
import type { ViewProps } from '../app';

export function ScreenDesk(_props: ViewProps) {
  return <h1>ScreenDesk</h1>;
}
