import { Component, h, type ComponentType, type FunctionComponent } from 'preact';

function sameProps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.is(a[k], b[k]));
}

/**
 * A component that re-renders only when one of its props changed (compared one by one,
 * or with `same`). On the 4× slower tablets a save re-renders the record form twice
 * ("Saving…", then the cleared form); with the unchanged parts skipped, only the save bar
 * and what the save cleared are drawn again. preact/compat's memo would do the same, but
 * compat stays out of the tablet bundle.
 */
export function memoised<P extends object>(
  render: FunctionComponent<P>,
  same: (prev: P, next: P) => boolean = (prev, next) => sameProps(prev as Record<string, unknown>, next as Record<string, unknown>),
): ComponentType<P> {
  class Memoised extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !same(this.props as P, next);
    }
    // The function is rendered as a child, so its hooks (and its own state changes) stay its own.
    override render(props: P) {
      return h(render, props);
    }
  }
  (Memoised as unknown as { displayName: string }).displayName = render.name || 'Memoised';
  return Memoised as unknown as ComponentType<P>;
}
